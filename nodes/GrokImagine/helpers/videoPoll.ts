/**
 * Waiting for a video: GET /v1/videos/{request_id} every Poll Interval until xAI has made it, has
 * failed or expired, or Max Wait has passed.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { notA, XaiRequestError, XaiResultError } from '../../shared/errors';
import { isObject } from '../../shared/json';
import type { CallSettings } from '../../shared/options';
import { abortableSleep } from '../../shared/scheduler';
import type { XaiSession } from '../../shared/session';

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

/**
 * Asks every `pollMs` how the job is doing until it is done (and returns that state), fails,
 * expires, is refused, runs past `maxWaitMs`, or the execution is cancelled. Each poll is a request
 * like any other: scheduled with the other items and retried on 429 or 5xx.
 */
export async function waitForVideo(
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
