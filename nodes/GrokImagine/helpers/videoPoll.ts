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
	// What a reply said is redacted before it is logged or shown: a proxy may echo the key.
	const shownId = session.redact(requestId);
	const details = { requestId: shownId };
	const elapsed = () => Math.round((Date.now() - startedAt) / 1000);
	const log = (level: 'info' | 'debug', text: string) =>
		ctx.logger[level](session.redact(`Grok Imagine: item ${itemIndex}${text}`));
	const maxWaitError = () =>
		new XaiResultError(
			`The video was not ready after ${maxWaitMs / 1000} s (Max Wait); xAI request ID ${shownId}`,
			'Raise Options › Max Wait, or ask for a shorter or lower-resolution video',
			details,
		);
	log('info', ` started video ${requestId}`);
	for (;;) {
		if (maxWaitMs - (Date.now() - startedAt) <= 0) throw maxWaitError();
		await abortableSleep(Math.min(pollMs, maxWaitMs - (Date.now() - startedAt)), signal);
		if (signal?.aborted) {
			throw new XaiRequestError(
				'aborted',
				`The execution was cancelled while xAI was making the video (request ID ${shownId})`,
			);
		}
		const state = await poll(session, requestId, settings, maxWaitMs - (Date.now() - startedAt));
		if (state === undefined) throw maxWaitError();
		const status = state.status ?? (state.video?.url ? 'done' : 'pending');
		const progress = typeof state.progress === 'number' ? ` (${state.progress}%)` : '';
		const level = status === 'pending' ? 'debug' : 'info';
		log(level, `, video ${requestId} is ${status}${progress} after ${elapsed()} s`);
		if (status === 'pending') continue;
		if (status === 'done') {
			if (state.video?.respect_moderation === false) {
				throw new XaiResultError(
					'xAI withheld the video under its content moderation',
					'Rephrase the prompt (or use another image or video): xAI refused to show what it made',
					details,
				);
			}
			if (typeof state.video?.url !== 'string' || !state.video.url) {
				throw notA('a finished video with a URL', state);
			}
			return state;
		}
		if (status === 'failed') {
			const why = state.error?.message ?? state.error?.code;
			const code = state.error?.code;
			throw new XaiResultError(
				`xAI could not make the video${why ? `: ${String(why)}` : ''}`,
				'Try again; if it keeps failing, change the prompt, the image or the video',
				{ ...details, ...(code && { code: session.redact(String(code)) }) },
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

/**
 * One poll, its Timeout cut to the `leftMs` of Max Wait: undefined when that cut ended it, so that
 * a poll that never answers ends the wait at Max Wait, not at the Timeout.
 */
async function poll(
	session: XaiSession,
	requestId: string,
	settings: CallSettings,
	leftMs: number,
): Promise<VideoStatus | undefined> {
	const cut = leftMs < settings.timeoutMs;
	const timeoutMs = Math.max(1, Math.ceil(Math.min(settings.timeoutMs, leftMs)));
	const request = { method: 'get' as const, allowEmpty: true, fromJson: toStatus };
	const path = `/videos/${encodeURIComponent(requestId)}`;
	return await session
		.send({ ...request, path }, { ...settings, timeoutMs })
		.catch(async (error: unknown) =>
			cut && error instanceof XaiRequestError && error.kind === 'timeout'
				? undefined
				: await Promise.reject(error),
		);
}
