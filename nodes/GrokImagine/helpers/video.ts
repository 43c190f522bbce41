/**
 * What the video operations do alike: start a job at xAI (a POST that answers with a
 * `request_id`), poll GET /v1/videos/{request_id} until it is done, failed or expired, within Max
 * Wait, download the video from its temporary URL, and give it out as an item with binary data.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { costUsdOf } from '../../shared/cost';
import { InvalidParameterError, notA, XaiRequestError, XaiResultError } from '../../shared/errors';
import { isObject } from '../../shared/json';
import type { CallSettings } from '../../shared/options';
import { integerOption, numberOption, textParameter } from '../../shared/options';
import { abortableSleep } from '../../shared/scheduler';
import type { XaiSession } from '../../shared/session';
import type { Operation } from './description';
import { modelProperty } from './description';
import { MAX_VIDEO_DOWNLOAD_BYTES, readItemParameters, toOutputItems } from './media';

const DEFAULT_POLL_INTERVAL_SECONDS = 5;
const DEFAULT_MAX_WAIT_SECONDS = 600;
const MAX_WAIT_LIMIT_SECONDS = 6 * 3600;

export const videoModelProperty = (operation: Operation) =>
	modelProperty(
		operation,
		'searchVideoModels',
		'grok-imagine-video',
		"The Grok Imagine video model; the list is xAI's current video models",
	);

/** The video an edit or extension starts from: a URL xAI fetches itself. */
export function videoUrlProperty(operation: Operation, description: string): INodeProperties {
	return {
		displayName: 'Video URL',
		name: 'videoUrl',
		type: 'string',
		default: '={{ $json.url }}',
		required: true,
		placeholder: 'e.g. https://example.com/clip.mp4',
		hint: 'An MP4 that xAI can download; the url of a Generate Video item works while it lasts',
		description,
		displayOptions: { show: { operation: [operation] } },
	};
}

/** Max Wait and Poll Interval, in every video operation's Options. */
export const waitingOptions: INodeProperties[] = [
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
];

export interface VideoOptions {
	pollInterval?: unknown;
	maxWait?: unknown;
	user?: unknown;
	timeout?: unknown;
	maxRetries?: unknown;
}

/** The Video URL of an item, checked before anything is sent. */
function readVideoUrl(ctx: IExecuteFunctions, itemIndex: number): string {
	const field = 'Video URL';
	const url = textParameter(ctx.getNodeParameter('videoUrl', itemIndex, ''), field).trim();
	if (!url) {
		throw new InvalidParameterError(
			field,
			'is empty: give the URL of an MP4 video, such as the url of a Generate Video item',
		);
	}
	if (!URL.canParse(url) || !['https:', 'http:'].includes(new URL(url).protocol)) {
		throw new InvalidParameterError(
			field,
			`"${url.slice(0, 100)}" is not an http(s) URL: xAI downloads the video from it`,
		);
	}
	return url;
}

/** The job's request: where it goes, and its body (the model first). */
export interface VideoJob {
	path: string;
	body: IDataObject & { model: string };
}

/**
 * Starts `job`, waits for the video and returns it as one output item: the MP4 in
 * `binaryPropertyName`, and `model`, `requestId`, the temporary `url`, `duration`, `costUsd`.
 */
export async function makeVideo(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
	job: VideoJob,
	binaryPropertyName: string,
	options: VideoOptions,
	settings: CallSettings,
): Promise<INodeExecutionData[]> {
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
	const user = textParameter(options.user, 'Options › User').trim();
	const body = user ? { ...job.body, user } : job.body;

	const requestId = await session.send(
		{ method: 'post', path: job.path, body, fromJson: toRequestId },
		settings,
	);
	const done = await waitForVideo(ctx, itemIndex, session, requestId, settings, pollMs, maxWaitMs);
	const url = done.video?.url as string;
	const { bytes, contentType } = await session.download(url, {
		...settings,
		maxBytes: MAX_VIDEO_DOWNLOAD_BYTES,
	});
	const mimeType = contentType?.startsWith('video/') ? contentType.split(';')[0] : 'video/mp4';
	const json: IDataObject = { model: done.model ?? job.body.model, requestId, url };
	if (typeof done.video?.duration === 'number') json.duration = done.video.duration;
	const costUsd = costUsdOf(done.usage);
	if (costUsd !== undefined) json.costUsd = costUsd;
	json.mimeType = mimeType;
	return await toOutputItems(ctx, itemIndex, binaryPropertyName, [
		{ bytes, mimeType, fileName: `${requestId}.mp4`, json },
	]);
}

/**
 * One item of Edit Video or Extend Video: its parameters and Video URL (and what `readInput` adds
 * from the options, e.g. an extension's duration) -> the job -> one output item with the video.
 */
export async function executeFromVideo(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
	path: '/videos/edits' | '/videos/extensions',
	readInput: (options: VideoOptions & IDataObject) => IDataObject = () => ({}),
): Promise<INodeExecutionData[]> {
	const { model, prompt, binaryPropertyName, options, settings } = readItemParameters<
		VideoOptions & IDataObject
	>(ctx, itemIndex);
	const video = { url: readVideoUrl(ctx, itemIndex) };
	const job = { path, body: { model, prompt, video, ...readInput(options) } };
	return await makeVideo(ctx, itemIndex, session, job, binaryPropertyName, options, settings);
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
					'Rephrase the prompt (or use another image or video): xAI refused to show what it made',
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
				'Try again; if it keeps failing, change the prompt, the image or the video',
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
