/** One request to xAI and the reading of its reply, under one deadline. */
import type { XaiClient } from './client';
import { Deadline } from './deadline';

/** One request to xAI; a `FormData` body is sent as multipart/form-data (file uploads). */
export interface XaiCall {
	method: 'get' | 'post' | 'delete';
	path: string;
	body?: object | FormData;
	query?: Record<string, string | number | undefined>;
	headers?: Record<string, string>;
}

export interface ExchangeOptions {
	/** For the whole reply, body or stream included, in ms. */
	timeoutMs: number;
	/** The execution's cancel signal. */
	signal?: AbortSignal;
}

/** What had arrived of a reply, for the message and `rawReply` of a cut-off one. */
export interface Progress {
	text: string;
}

/** The longest timer Node.js keeps (about 24.8 days). */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * Sends `call` and hands the successful reply to `read`, all under one deadline: the timeout and
 * the cancel signal end the body or stream too, not only the wait for headers.
 */
export async function exchange<T>(
	client: XaiClient,
	call: XaiCall,
	options: ExchangeOptions,
	read: (response: Response, progress: Progress) => Promise<T>,
): Promise<T> {
	const deadline = new Deadline(options);
	const progress: Progress = { text: '' };
	try {
		const response = await client[call.method](call.path, {
			body: call.body as Record<string, unknown>,
			query: call.query,
			headers: call.headers,
			signal: deadline.signal,
			timeout: options.timeoutMs,
			maxRetries: 0,
		}).asResponse();
		return await read(response, progress);
	} catch (error) {
		throw deadline.explain(error, progress.text);
	} finally {
		deadline.clear();
	}
}
