/**
 * What Generate Image and Edit Image do alike: the request the options make, xAI's reply
 * (`data[]` of `url` or `b64_json`, `revised_prompt`, `mime_type`, `respect_moderation`, and
 * `usage.cost_in_usd_ticks`), and the files it gives, fetched or decoded.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { StoredFile } from '../../shared/binaryFile';
import { storeBytes, storeFile } from '../../shared/binaryFile';
import { oneOf } from '../../shared/checks';
import { costUsdOf } from '../../shared/cost';
import { notA, XaiResultError } from '../../shared/errors';
import { isObject } from '../../shared/json';
import type { CallSettings } from '../../shared/options';
import { integerOption, textParameter } from '../../shared/options';
import type { XaiSession } from '../../shared/session';
import { MAX_REPLY_BYTES } from '../../shared/transport';
import { DELIVERIES, IMAGE_RESOLUTIONS, QUALITIES } from './imageProperties';
import type { MadeFile } from './media';
import { IMAGE_ASPECT_RATIOS } from './properties';
import {
	fileName,
	imageType,
	MAX_IMAGE_DOWNLOAD_BYTES,
	readItemParameters,
	toOutputItems,
} from './media';

export type ImageDelivery = 'url' | 'b64_json';

export interface ImageOptions {
	n?: unknown;
	aspectRatio?: unknown;
	resolution?: unknown;
	quality?: unknown;
	delivery?: unknown;
	user?: unknown;
	timeout?: unknown;
	maxRetries?: unknown;
}
/** The request fields the options set; only those set are sent. */
export function imageRequestFields(options: ImageOptions): IDataObject {
	const fields: IDataObject = {
		n: options.n === undefined ? 1 : integerOption(options.n, 'Number of Images', 1, 10),
		response_format:
			options.delivery === undefined
				? 'url'
				: oneOf(options.delivery, 'Options › Image Delivery', DELIVERIES),
	};
	const ratio = options.aspectRatio;
	if (
		ratio !== undefined &&
		oneOf(ratio, 'Options › Aspect Ratio', IMAGE_ASPECT_RATIOS) !== 'auto'
	) {
		fields.aspect_ratio = ratio;
	}
	if (options.resolution !== undefined) {
		fields.resolution = oneOf(options.resolution, 'Options › Resolution', IMAGE_RESOLUTIONS);
	}
	if (options.quality !== undefined) {
		fields.quality = oneOf(options.quality, 'Options › Quality', QUALITIES);
	}
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
	const files = await requestImages(ctx, session, path, body, settings);
	return toOutputItems(itemIndex, binaryPropertyName, files);
}

/**
 * Sends an image request (generation or edit) and returns its images as files, one output item
 * each: downloaded from their temporary URLs or decoded from base64.
 */
export async function requestImages(
	ctx: IExecuteFunctions,
	session: XaiSession,
	path: '/images/generations' | '/images/edits',
	body: IDataObject,
	settings: CallSettings,
): Promise<MadeFile[]> {
	const reply = await session.send(
		{ method: 'post', path, body, fromJson: toImageReply, maxBytes: replyCap(body) },
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
			const file = await storeImage(ctx, session, image, settings, reply, index);
			const json: IDataObject = { model: body.model as string };
			// What the replies said leaves the node redacted: a proxy may echo the key in any field.
			if (image.revised_prompt) json.revisedPrompt = session.redact(image.revised_prompt);
			if (image.url) json.url = session.redact(image.url);
			// Each item carries its share, so that the items' costUsd add up to the request's.
			if (costUsd !== undefined) json.costUsd = costUsd / reply.data.length;
			json.mimeType = file.mimeType;
			return { binary: file.binary, json };
		}),
	);
}

/** Room in one base64 reply for each image: 32 MiB of base64 is an image of 24 MiB. */
export const MAX_B64_IMAGE_REPLY_BYTES = 32 * 1024 * 1024;

/**
 * The size cap of the reply: the usual one for links, and room for every image when they come
 * inside it as base64 (ten 2k images pass 16 MiB), short of what one string of text may hold.
 */
function replyCap(body: IDataObject): number | undefined {
	if (body.response_format !== 'b64_json') return undefined;
	return MAX_REPLY_BYTES + (body.n as number) * MAX_B64_IMAGE_REPLY_BYTES;
}

/** One image of the reply, decoded from base64 or downloaded as it arrives, as binary data. */
async function storeImage(
	ctx: IExecuteFunctions,
	session: XaiSession,
	image: XaiImage,
	settings: CallSettings,
	reply: XaiImageReply,
	index: number,
): Promise<StoredFile> {
	const typeOf = imageType(session.redact);
	const nameOf = fileName(`grok-imagine-${index + 1}`);
	if (typeof image.b64_json === 'string' && image.b64_json) {
		return await storeBytes(ctx, Buffer.from(image.b64_json, 'base64'), typeOf, nameOf);
	}
	if (typeof image.url === 'string' && image.url) {
		return await session.download(
			image.url,
			{ ...settings, maxBytes: MAX_IMAGE_DOWNLOAD_BYTES },
			async ({ chunks }) => await storeFile(ctx, chunks, typeOf, nameOf),
		);
	}
	throw notA('an image with a url or b64_json', reply);
}
