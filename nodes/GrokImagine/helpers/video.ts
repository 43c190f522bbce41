/**
 * What the video operations do alike: start a job at xAI (a POST that answers with a
 * `request_id`), wait for it (videoPoll.ts), download the video from its temporary URL, and give
 * it out as an item with binary data.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { storeFile } from '../../shared/binaryFile';
import { costUsdOf } from '../../shared/cost';
import { InvalidParameterError, notA } from '../../shared/errors';
import { isPathSegment } from '../../shared/ids';
import { isObject } from '../../shared/json';
import type { CallSettings } from '../../shared/options';
import { integerOption, numberOption, textParameter } from '../../shared/options';
import type { XaiSession } from '../../shared/session';
import {
	fileName,
	MAX_VIDEO_DOWNLOAD_BYTES,
	readItemParameters,
	toOutputItems,
	videoType,
} from './media';
import {
	DEFAULT_MAX_WAIT_SECONDS,
	DEFAULT_POLL_INTERVAL_SECONDS,
	MAX_WAIT_LIMIT_SECONDS,
} from './videoProperties';
import { waitForVideo } from './videoPoll';

export interface VideoOptions {
	pollInterval?: unknown;
	maxWait?: unknown;
	user?: unknown;
	timeout?: unknown;
	maxRetries?: unknown;
}

/**
 * A video start is a billed job: sent again only when xAI certainly did not take it, else the
 * error says a video may be on its way.
 */
const VIDEO_JOB = {
	howToFind: 'check your usage at console.x.ai before you run the item again',
};

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
	// xAI's extension request has no `user` (its schema), so an extension never sends one.
	const body = user && job.path !== '/videos/extensions' ? { ...job.body, user } : job.body;

	const requestId = await session.send(
		{ method: 'post', path: job.path, body, fromJson: toRequestId },
		{ ...settings, startsJob: VIDEO_JOB },
	);
	// What the replies said leaves the node redacted: a proxy may echo the key in any field.
	const shown = session.redact;
	const done = await waitForVideo(ctx, itemIndex, session, requestId, settings, pollMs, maxWaitMs);
	const url = done.video?.url as string;
	// The video goes to n8n's binary data as it arrives: on disk in filesystem mode, never whole.
	const file = await session.download(
		url,
		{ ...settings, maxBytes: MAX_VIDEO_DOWNLOAD_BYTES },
		async ({ chunks }) =>
			await storeFile(ctx, chunks, videoType(session.redact), fileName(shown(requestId))),
	);
	const model = typeof done.model === 'string' ? shown(done.model) : job.body.model;
	const json: IDataObject = { model, requestId: shown(requestId), url: shown(url) };
	if (typeof done.video?.duration === 'number') json.duration = done.video.duration;
	const costUsd = costUsdOf(done.usage);
	if (costUsd !== undefined) json.costUsd = costUsd;
	json.mimeType = file.mimeType;
	return toOutputItems(itemIndex, binaryPropertyName, [{ binary: file.binary, json }]);
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

/**
 * The `request_id` of the job xAI started: one path segment, so that its poll asks for this job and
 * nothing else ("..", "." or a "/" would make GET /v1/videos/{id} another path).
 */
function toRequestId(value: unknown): string {
	const id = isObject(value) ? value.request_id : undefined;
	if (!isPathSegment(id)) throw notA('a started video request (request_id)', value);
	return id as string;
}
