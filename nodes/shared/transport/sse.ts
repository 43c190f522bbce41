/** Reading a server-sent-events reply as parsed events, and the errors xAI reports inside it. */
import { createParser } from 'eventsource-parser';

import { InvalidReplyError, XaiRequestError } from '../errors';
import { excerpt, NOT_JSON, parseJson } from '../json';
import { bodyChunks, MAX_REPLY_BYTES, tooLarge } from './body';

/** One server-sent event; `data` is parsed JSON, or the string `[DONE]`. */
export interface SseEvent {
	event?: string;
	data: unknown;
}

/**
 * Events after which a stream has nothing more to say: chat completions' `[DONE]`, and the
 * Responses API's final response. A server that keeps the connection open after one of them
 * (a proxy holding it, a keep-alive gone wrong) must not hold the item until its Timeout.
 */
const FINAL_TYPES = new Set(['response.completed', 'response.incomplete', 'response.failed']);

export function isFinalEvent({ event, data }: SseEvent): boolean {
	if (data === '[DONE]') return true;
	const own =
		typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
	const type = typeof own === 'string' ? own : event;
	return type !== undefined && FINAL_TYPES.has(type);
}

/**
 * The events of an SSE reply, their data parsed, up to and including the final one (then the
 * connection is let go, whether or not the server closes it). An error that xAI reports inside
 * the stream (`event: error`, or a non-null `error` field in the data) is thrown as what it is.
 */
export async function* readEvents(
	response: Response,
	maxBytes = MAX_REPLY_BYTES,
): AsyncGenerator<SseEvent> {
	const queue: SseEvent[] = [];
	let unparsable: string | undefined;
	const parser = createParser({
		onEvent: ({ event, data }) => {
			if (unparsable !== undefined) return;
			if (data === '[DONE]') {
				queue.push({ event, data });
				return;
			}
			const value = parseJson(data);
			if (value === NOT_JSON) unparsable = data;
			else queue.push({ event, data: value });
		},
	});
	const decoder = new TextDecoder();
	let size = 0;
	for await (const chunk of bodyChunks(response)) {
		size += chunk.length;
		if (size > maxBytes) throw tooLarge(maxBytes);
		parser.feed(decoder.decode(chunk, { stream: true }));
		while (queue.length > 0) {
			const next = queue.shift() as SseEvent;
			throwIfStreamError(next);
			yield next;
			if (isFinalEvent(next)) return;
		}
		if (unparsable !== undefined) {
			throw new InvalidReplyError('xAI sent a stream event that is not JSON', excerpt(unparsable));
		}
	}
}

function throwIfStreamError({ event, data }: SseEvent) {
	const payload = (typeof data === 'object' && data !== null ? data : {}) as Record<
		string,
		unknown
	>;
	// `"error": null` is how some servers say "no error" on every event.
	const reported =
		event === 'error' ||
		payload.type === 'error' ||
		(payload.error !== null && payload.error !== undefined);
	// A chunk with `choices` is chat completions' reply even where it has an `error` field, and
	// GrokChat v1's assembler reads it. Judged here because a node sees an event only after this.
	if (!reported || 'choices' in payload) return;
	const inner = (payload.error ?? payload) as Record<string, unknown> | string;
	const message =
		typeof inner === 'string'
			? inner
			: typeof inner.message === 'string'
				? inner.message
				: typeof payload.message === 'string'
					? payload.message
					: JSON.stringify(data);
	const status = [payload.status, (inner as Record<string, unknown>).status, payload.code].find(
		(value): value is number => typeof value === 'number' && value >= 400 && value < 600,
	);
	throw new XaiRequestError('http', `xAI reported an error during the reply: ${message}`, status);
}
