/**
 * Generate Video: a video from a text prompt, optionally starting from an image of the input item
 * (POST /v1/videos/generations -> request_id), polled with GET /v1/videos/{request_id} until it
 * is done, failed or expired, within Max Wait, then downloaded from its temporary URL.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { costUsdOf } from '../shared/cost';
import { InvalidParameterError, notA, XaiRequestError, XaiResultError } from '../shared/errors';
import { isObject } from '../shared/json';
import type { CallSettings } from '../shared/options';
import { integerOption, numberOption, textParameter } from '../shared/options';
import { abortableSleep } from '../shared/scheduler';
import type { XaiSession } from '../shared/session';
import {
	imageBinaryPropertyProperty,
	modelProperty,
	optionsProperty,
	promptProperty,
} from './description';
import {
	MAX_VIDEO_DOWNLOAD_BYTES,
	readInputImages,
	readItemParameters,
	toOutputItems,
} from './media';

export const DEFAULT_POLL_INTERVAL_SECONDS = 5;
export const DEFAULT_MAX_WAIT_SECONDS = 600;
const MAX_WAIT_LIMIT_SECONDS = 6 * 3600;

/** The parameters before the output field. */
export const inputs: INodeProperties[] = [
	modelProperty(
		'generateVideo',
		'searchVideoModels',
		'grok-imagine-video',
		"The Grok Imagine video model; the list is xAI's current video models",
	),
	promptProperty(
		'generateVideo',
		'What the video should show; may be empty when the video starts from an image',
	),
	{
		displayName: 'Start From Image',
		name: 'startFromImage',
		type: 'boolean',
		default: false,
		description:
			"Whether the video starts from an image of the input item (image-to-video); the prompt may then be empty, and the video takes the image's shape",
		displayOptions: { show: { operation: ['generateVideo'] } },
	},
	imageBinaryPropertyProperty(
		{ operation: ['generateVideo'], startFromImage: [true] },
		'The binary field of the input item holding the first frame of the video',
	),
];

export const options: INodeProperties = optionsProperty('generateVideo', [
	{
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		options: [
			{
				name: '1:1',
				value: '1:1',
			},
			{
				name: '16:9',
				value: '16:9',
			},
			{
				name: '2:3',
				value: '2:3',
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
		],
		default: '16:9',
		description: "The video's shape (not used when it starts from an image)",
	},
	{
		displayName: 'Duration',
		name: 'duration',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 15 },
		default: 8,
		description: 'Length of the video in seconds, 1 to 15',
	},
	{
		displayName: 'Max Wait',
		name: 'maxWait',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_WAIT_LIMIT_SECONDS },
		default: DEFAULT_MAX_WAIT_SECONDS,
		description:
			'Seconds to wait for the video before the item fails; xAI usually needs one to several minutes',
	},
	{
		displayName: 'Poll Interval',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 0.1, maxValue: 600, numberPrecision: 1 },
		default: DEFAULT_POLL_INTERVAL_SECONDS,
		description: 'Seconds between two questions to xAI whether the video is ready',
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		options: [
			{ name: '480p', value: '480p' },
			{ name: '720p', value: '720p' },
			{ name: '1080p', value: '1080p' },
		],
		default: '720p',
		description: 'Higher resolutions take longer and cost more',
	},
]);

interface VideoOptions {
	aspectRatio?: string;
	duration?: unknown;
	resolution?: string;
	pollInterval?: unknown;
	maxWait?: unknown;
	user?: unknown;
	timeout?: unknown;
	maxRetries?: unknown;
}

/** A state of the job, as GET /videos/{request_id} reports it (a 202 with no body: pending). */
interface VideoStatus {
	status?: string;
	progress?: number;
	model?: string;
	video?: { url?: string; duration?: number; respect_moderation?: boolean } | null;
	usage?: unknown;
	error?: { code?: string; message?: string } | null;
}

function toStatus(value: unknown): VideoStatus {
	if (value === undefined) return { status: 'pending' };
	if (!isObject(value) || (value.status !== undefined && typeof value.status !== 'string')) {
		throw notA('the state of a video request', value);
	}
	return value as VideoStatus;
}

function toRequestId(value: unknown): string {
	const id = isObject(value) ? value.request_id : undefined;
	if (typeof id !== 'string' || !id) throw notA('a started video request (request_id)', value);
	return id;
}

export async function execute(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
): Promise<INodeExecutionData[]> {
	const startFromImage = ctx.getNodeParameter('startFromImage', itemIndex, false) === true;
	const { model, prompt, binaryPropertyName, options, settings } = readItemParameters<VideoOptions>(
		ctx,
		itemIndex,
		startFromImage,
	);
	const pollMs =
		1000 *
		numberOption(options.pollInterval ?? DEFAULT_POLL_INTERVAL_SECONDS, 'Poll Interval', 0.1, 600);
	const maxWaitMs =
		1000 *
		integerOption(
			options.maxWait ?? DEFAULT_MAX_WAIT_SECONDS,
			'Max Wait',
			1,
			MAX_WAIT_LIMIT_SECONDS,
		);
	const body: IDataObject = { model, prompt };
	if (options.duration !== undefined) {
		body.duration = integerOption(options.duration, 'Duration', 1, 15);
	}
	if (options.resolution) body.resolution = options.resolution;
	if (startFromImage) {
		const [image, ...more] = await readInputImages(ctx, itemIndex);
		if (more.length > 0) {
			throw new InvalidParameterError(
				'Input Image Binary Field',
				'a video starts from one image: name one binary field',
			);
		}
		body.image = { url: image };
	} else if (options.aspectRatio) {
		body.aspect_ratio = options.aspectRatio;
	}
	const user = textParameter(options.user, 'Options › User').trim();
	if (user) body.user = user;

	const requestId = await session.send(
		{ method: 'post', path: '/videos/generations', body, fromJson: toRequestId },
		settings,
	);
	const done = await waitForVideo(ctx, itemIndex, session, requestId, settings, pollMs, maxWaitMs);
	const url = done.video?.url as string;
	const { bytes, contentType } = await session.download(url, {
		...settings,
		maxBytes: MAX_VIDEO_DOWNLOAD_BYTES,
	});
	const mimeType = contentType?.startsWith('video/') ? contentType.split(';')[0] : 'video/mp4';
	const json: IDataObject = { model: done.model ?? model, requestId, url };
	if (typeof done.video?.duration === 'number') json.duration = done.video.duration;
	const costUsd = costUsdOf(done.usage);
	if (costUsd !== undefined) json.costUsd = costUsd;
	json.mimeType = mimeType;
	return await toOutputItems(ctx, itemIndex, binaryPropertyName, [
		{ bytes, mimeType, fileName: `${requestId}.mp4`, json },
	]);
}

/**
 * Asks every `pollMs` how the job is doing until it is done (and returns that state), fails,
 * expires, is refused, runs past `maxWaitMs`, or the execution is cancelled. Each poll is a request
 * like any other: scheduled with the other items and retried on 429 or 5xx.
 */
async function waitForVideo(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
	requestId: string,
	settings: CallSettings,
	pollMs: number,
	maxWaitMs: number,
): Promise<VideoStatus> {
	const signal = ctx.getExecutionCancelSignal?.();
	const startedAt = Date.now();
	const details = { requestId };
	const elapsed = () => Math.round((Date.now() - startedAt) / 1000);
	ctx.logger.info(`Grok Imagine: item ${itemIndex} started video ${requestId}`);
	for (;;) {
		const left = maxWaitMs - (Date.now() - startedAt);
		if (left <= 0) {
			throw new XaiResultError(
				`The video was not ready after ${
					maxWaitMs / 1000
				} s (Max Wait); xAI request ID ${requestId}`,
				'Raise Options › Max Wait, or ask for a shorter or lower-resolution video',
				details,
			);
		}
		await abortableSleep(Math.min(pollMs, left), signal);
		if (signal?.aborted) {
			throw new XaiRequestError(
				'aborted',
				`The execution was cancelled while xAI was making the video (request ID ${requestId})`,
			);
		}
		const state = await session.send(
			{
				method: 'get',
				path: `/videos/${encodeURIComponent(requestId)}`,
				allowEmpty: true,
				fromJson: toStatus,
			},
			settings,
		);
		const status = state.status ?? (state.video?.url ? 'done' : 'pending');
		const progress = typeof state.progress === 'number' ? ` (${state.progress}%)` : '';
		const log = status === 'pending' ? ctx.logger.debug : ctx.logger.info;
		log.call(
			ctx.logger,
			`Grok Imagine: item ${itemIndex}, video ${requestId} is ${status}${progress} after ${elapsed()} s`,
		);
		if (status === 'pending') continue;
		if (status === 'done') {
			if (state.video?.respect_moderation === false) {
				throw new XaiResultError(
					'xAI withheld the video under its content moderation',
					'Rephrase the prompt (or use another image): xAI refused to show what it made',
					details,
				);
			}
			if (!state.video?.url) throw notA('a finished video with a URL', state);
			return state;
		}
		if (status === 'failed') {
			const why = state.error?.message ?? state.error?.code;
			throw new XaiResultError(
				`xAI could not make the video${why ? `: ${why}` : ''}`,
				'Try again; if it keeps failing, change the prompt or the image',
				{ ...details, ...(state.error?.code && { code: state.error.code }) },
			);
		}
		if (status === 'expired') {
			throw new XaiResultError(
				'The video request expired at xAI before the video was made',
				'Try again',
				details,
			);
		}
		throw notA('a known state of a video request (pending, done, failed, expired)', state);
	}
}
