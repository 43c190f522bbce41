/**
 * What Generate Image and Edit Image share: the options of the request, xAI's reply
 * (`data[]` of `url` or `b64_json`, `revised_prompt`, `mime_type`, `respect_moderation`, and
 * `usage.cost_in_usd_ticks`), and the files it gives, fetched or decoded.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { costUsdOf } from '../../shared/cost';
import { notA, XaiResultError } from '../../shared/errors';
import { isObject } from '../../shared/json';
import type { CallSettings } from '../../shared/options';
import { integerOption, textParameter } from '../../shared/options';
import type { XaiSession } from '../../shared/session';
import { modelProperty, optionsProperty } from './description';
import type { MadeFile } from './media';
import {
	fileName,
	imageMimeType,
	MAX_IMAGE_DOWNLOAD_BYTES,
	readItemParameters,
	toOutputItems,
} from './media';

export type ImageDelivery = 'url' | 'b64_json';

export interface ImageOptions {
	n?: unknown;
	aspectRatio?: string;
	resolution?: string;
	quality?: string;
	delivery?: ImageDelivery;
	user?: unknown;
	timeout?: unknown;
	maxRetries?: unknown;
}

/** The image model picker, as Generate Image and Edit Image show it. */
export function imageModelProperty(operation: 'generateImage' | 'editImage'): INodeProperties {
	return modelProperty(
		operation,
		'searchImageModels',
		'grok-imagine-image',
		"The Grok Imagine image model; the list is xAI's current image models",
	);
}

const numberOfImagesOption: INodeProperties = {
	displayName: 'Number of Images',
	name: 'n',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 10 },
	default: 1,
	description: 'How many images to make from the prompt (1 to 10); each comes out as its own item',
};

const resolutionOption: INodeProperties = {
	displayName: 'Resolution',
	name: 'resolution',
	type: 'options',
	options: [
		{ name: '1k', value: '1k' },
		{ name: '2k', value: '2k' },
	],
	default: '1k',
	description: "The images' resolution",
};

const qualityOption: INodeProperties = {
	displayName: 'Quality',
	name: 'quality',
	type: 'options',
	options: [
		{ name: 'Low', value: 'low' },
		{ name: 'Medium', value: 'medium' },
		{ name: 'High', value: 'high' },
	],
	default: 'medium',
	description: 'The quality tier, on models that take one (others ignore it)',
};

function aspectRatioOption(description: string): INodeProperties {
	return {
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		// xAI's ImageAspectRatio values.
		options: [
			{
				name: '1:1',
				value: '1:1',
			},
			{
				name: '1:2',
				value: '1:2',
			},
			{
				name: '16:9',
				value: '16:9',
			},
			{
				name: '19.5:9',
				value: '19.5:9',
			},
			{
				name: '2:1',
				value: '2:1',
			},
			{
				name: '2:3',
				value: '2:3',
			},
			{
				name: '20:9',
				value: '20:9',
			},
			{
				name: '3:2',
				value: '3:2',
			},
			{
				name: '3:4',
				value: '3:4',
			},
			{
				name: '4:3',
				value: '4:3',
			},
			{
				name: '9:16',
				value: '9:16',
			},
			{
				name: '9:19.5',
				value: '9:19.5',
			},
			{
				name: '9:20',
				value: '9:20',
			},
			{
				name: 'Auto',
				value: 'auto',
			},
		],
		default: 'auto',
		description,
	};
}

const deliveryOption: INodeProperties = {
	displayName: 'Image Delivery',
	name: 'delivery',
	type: 'options',
	options: [
		{
			name: 'Temporary URL',
			value: 'url',
			description:
				"Links on xAI's file host, which the node downloads without the API key; the output keeps the link as 'URL'",
		},
		{
			name: 'Base64 in the Reply',
			value: 'b64_json',
			description:
				"The images inside xAI's answer, as base64 (a third larger); no link in the output",
		},
	],
	default: 'url',
	description: 'How xAI hands over the images',
};

/** The Options of an image operation, with its own Aspect Ratio description. */
export function imageOptionsProperty(
	operation: 'generateImage' | 'editImage',
	aspectRatioDescription: string,
): INodeProperties {
	return optionsProperty(operation, [
		aspectRatioOption(aspectRatioDescription),
		deliveryOption,
		numberOfImagesOption,
		qualityOption,
		resolutionOption,
	]);
}

/** The request fields the options set; only those set are sent. */
export function imageRequestFields(options: ImageOptions): IDataObject {
	const fields: IDataObject = {
		n: options.n === undefined ? 1 : integerOption(options.n, 'Number of Images', 1, 10),
		response_format: options.delivery ?? 'url',
	};
	if (options.aspectRatio && options.aspectRatio !== 'auto') {
		fields.aspect_ratio = options.aspectRatio;
	}
	if (options.resolution) fields.resolution = options.resolution;
	if (options.quality) fields.quality = options.quality;
	const user = textParameter(options.user, 'Options › User').trim();
	if (user) fields.user = user;
	return fields;
}

interface XaiImage {
	url?: string;
	b64_json?: string;
	mime_type?: string;
	revised_prompt?: string;
	respect_moderation?: boolean;
}

interface XaiImageReply {
	data: XaiImage[];
	usage?: unknown;
}

function toImageReply(value: unknown): XaiImageReply {
	if (!isObject(value) || !Array.isArray(value.data) || !value.data.every(isObject)) {
		throw notA('an image generation reply', value);
	}
	return value as unknown as XaiImageReply;
}

/**
 * One item of Generate Image or Edit Image: its parameters (and for an edit its input images,
 * from `readInput`) -> the request -> one output item per image.
 */
export async function executeImageRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
	path: '/images/generations' | '/images/edits',
	readInput: () => Promise<IDataObject> = async () => ({}),
): Promise<INodeExecutionData[]> {
	const { model, prompt, binaryPropertyName, options, settings } = readItemParameters<ImageOptions>(
		ctx,
		itemIndex,
	);
	const body = { model, prompt, ...imageRequestFields(options), ...(await readInput()) };
	const files = await requestImages(session, path, body, settings);
	return await toOutputItems(ctx, itemIndex, binaryPropertyName, files);
}

/**
 * Sends an image request (generation or edit) and returns its images as files, one output item
 * each: downloaded from their temporary URLs or decoded from base64.
 */
export async function requestImages(
	session: XaiSession,
	path: '/images/generations' | '/images/edits',
	body: IDataObject,
	settings: CallSettings,
): Promise<MadeFile[]> {
	const reply = await session.send(
		{ method: 'post', path, body, fromJson: toImageReply },
		settings,
	);
	const withheld = reply.data.filter((image) => image.respect_moderation === false).length;
	if (withheld > 0) {
		throw new XaiResultError(
			`xAI withheld ${
				withheld === reply.data.length ? 'the' : `${withheld} of the ${reply.data.length}`
			} image${reply.data.length > 1 ? 's' : ''} under its content moderation`,
			'Rephrase the prompt: xAI refused to show what it made',
		);
	}
	if (reply.data.length === 0) throw notA('an image generation reply with images', reply);
	const costUsd = costUsdOf(reply.usage);
	return await Promise.all(
		reply.data.map(async (image, index) => {
			const { bytes, contentType } = await imageBytes(session, image, settings, reply);
			const mimeType = imageMimeType(bytes, image.mime_type, contentType);
			const json: IDataObject = { model: body.model as string };
			if (image.revised_prompt) json.revisedPrompt = image.revised_prompt;
			if (image.url) json.url = image.url;
			// Each item carries its share, so that the items' costUsd add up to the request's.
			if (costUsd !== undefined) json.costUsd = costUsd / reply.data.length;
			json.mimeType = mimeType;
			return { bytes, mimeType, fileName: fileName(`grok-imagine-${index + 1}`, mimeType), json };
		}),
	);
}

async function imageBytes(
	session: XaiSession,
	image: XaiImage,
	settings: CallSettings,
	reply: XaiImageReply,
): Promise<{ bytes: Buffer; contentType?: string }> {
	if (typeof image.b64_json === 'string' && image.b64_json) {
		return { bytes: Buffer.from(image.b64_json, 'base64') };
	}
	if (typeof image.url === 'string' && image.url) {
		return await session.download(image.url, { ...settings, maxBytes: MAX_IMAGE_DOWNLOAD_BYTES });
	}
	throw notA('an image with a url or b64_json', reply);
}
