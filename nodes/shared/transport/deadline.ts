/** One attempt's deadline, and what a failure under it means to a user. */
import OpenAI from 'openai';

import { XaiRequestError } from '../errors';
import { excerpt } from '../json';
import type { ExchangeOptions } from './exchange';
import {
	BodyLostError,
	causeText,
	DownloadFailedError,
	retryAfterSeconds,
	xaiMessage,
} from './failure';

/** Failures to connect at all: the request was never sent (to xAI or to the proxy). */
const NOT_CONNECTED = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

/** The first system error code along an error's chain of causes. */
function errorCode(error: unknown): string | undefined {
	for (let cause = error, depth = 0; cause && depth < 5; depth++) {
		const { code } = cause as { code?: unknown };
		if (typeof code === 'string') return code;
		cause = (cause as { cause?: unknown }).cause;
	}
	return undefined;
}

/**
 * One attempt's timeout, linked to the execution's cancel signal. Because it is kept here rather
 * than left to the SDK, an abort says for sure whether the timeout or the cancel ended it.
 */
export class Deadline {
	private readonly controller = new AbortController();

	private readonly timer: NodeJS.Timeout;

	private cause?: 'timeout' | 'cancel';

	private readonly onCancel = () => this.abort('cancel');

	constructor(private readonly options: ExchangeOptions) {
		this.timer = setTimeout(() => this.abort('timeout'), options.timeoutMs);
		if (options.signal?.aborted) this.abort('cancel');
		else options.signal?.addEventListener('abort', this.onCancel, { once: true });
	}

	get signal(): AbortSignal {
		return this.controller.signal;
	}

	clear() {
		clearTimeout(this.timer);
		this.options.signal?.removeEventListener('abort', this.onCancel);
	}

	private abort(cause: 'timeout' | 'cancel') {
		this.cause ??= cause;
		this.controller.abort();
	}

	/** Any failure of the attempt, as what a user needs to know; `partial` is what had arrived. */
	explain(error: unknown, partial: string): unknown {
		const cut = (what: string) =>
			`xAI stopped after ${partial.length} characters: the reply is incomplete (${what})`;
		const kept = partial || undefined;
		if (this.cause === 'timeout') {
			const seconds = Math.round(this.options.timeoutMs / 100) / 10;
			const what = `the Timeout of ${seconds} s ran out`;
			return new XaiRequestError(
				'timeout',
				partial ? cut(what) : 'The request to xAI timed out',
				undefined,
				undefined,
				kept,
			);
		}
		if (this.cause === 'cancel' || error instanceof OpenAI.APIUserAbortError) {
			const what = 'the execution was cancelled';
			return new XaiRequestError(
				'aborted',
				partial ? cut(what) : 'The request was cancelled',
				undefined,
				undefined,
				kept,
			);
		}
		if (error instanceof BodyLostError) {
			const what = `the connection was lost: ${causeText(error.reason)}`;
			return new XaiRequestError(
				'connection',
				partial
					? cut(what)
					: `The connection to xAI was lost while the reply was arriving (${causeText(error.reason)})`,
				undefined,
				undefined,
				kept,
			);
		}
		if (error instanceof DownloadFailedError) {
			return new XaiRequestError(
				'connection',
				`Could not download the file xAI made: ${causeText(error.reason)}`,
			);
		}
		if (error instanceof OpenAI.APIConnectionTimeoutError) {
			return new XaiRequestError('timeout', 'The request to xAI timed out');
		}
		if (error instanceof OpenAI.APIConnectionError) {
			const failure = new XaiRequestError('connection', `Could not reach xAI: ${causeText(error)}`);
			failure.notSent = NOT_CONNECTED.has(errorCode(error) ?? '');
			return failure;
		}
		if (error instanceof OpenAI.APIError && error.status) {
			if (error.status >= 300 && error.status < 400) {
				const location = error.headers?.get('location');
				const where = location ? ` to ${excerpt(location, 100)}` : '';
				return new XaiRequestError(
					'http',
					`The Base URL answered with a redirect (${error.status})${where}; the node does not follow redirects, so nothing was sent there`,
					error.status,
				);
			}
			return new XaiRequestError(
				'http',
				xaiMessage(error.error, error.message),
				error.status,
				retryAfterSeconds(error.headers),
			);
		}
		return error;
	}
}
