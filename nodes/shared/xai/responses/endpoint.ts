/**
 * xAI's Responses endpoint as the session sees it (path, body, reply checks, stream assembly).
 * Pure: no I/O.
 */
import { InvalidReplyError, notA, unfinishedStreamError, XaiRequestError } from '../../errors';
import { excerpt, isObject } from '../../json';
import type { StreamAssembler, XaiEndpoint } from '../../session';
import type { SseEvent } from '../../transport';
import { refusedError } from './refusal';
import { incompleteReason, outputText, refusalText } from './reply';
import type { ResponsesRequest, XaiResponse } from './types';

export function responsesEndpoint(
	body: ResponsesRequest,
	headers?: Record<string, string>,
): XaiEndpoint<XaiResponse> {
	return {
		path: '/responses',
		body: (stream) => ({ ...body, stream }),
		headers,
		fromJson: checkResponse,
		streamAssembler: () => new ResponseAssembler(),
	};
}

function reportedError(message: unknown, partialText?: string): XaiRequestError {
	const text = typeof message === 'string' && message ? message : 'the response failed';
	return new XaiRequestError(
		'http',
		`xAI reported an error during the reply: ${text}`,
		undefined,
		undefined,
		partialText || undefined,
	);
}

/**
 * A whole reply must be a response with an output list; a failed one is xAI's error. An error body
 * sent with HTTP 200 (xAI does so when the model times out) is that error, not a bad reply.
 */
export function checkResponse(value: unknown): XaiResponse {
	if (!isObject(value)) throw notA('a response', value);
	const isResponse = value.object === 'response' || Array.isArray(value.output);
	if (!isResponse) {
		const { error } = value;
		if (typeof error === 'string') throw reportedError(error);
		if (isObject(error)) throw reportedError(error.message);
		throw notA('a response', value);
	}
	if (!Array.isArray(value.output)) throw notA('a response', value);
	const response = value as XaiResponse;
	const { status } = response;
	if (status === 'failed') {
		throw reportedError(isObject(response.error) ? response.error.message : undefined);
	}
	const refusal = refusalText(response);
	if (refusal !== undefined) throw refusedError(refusal);
	if (status === undefined || status === null) {
		// xAI always says; a reply without a status counts for what it holds, if it holds anything.
		if (response.output.length === 0) {
			throw new InvalidReplyError(
				'xAI answered with a response that has no status and no output',
				excerpt(JSON.stringify(response)),
			);
		}
		return response;
	}
	if (status !== 'completed' && status !== 'incomplete') {
		// in_progress, queued, cancelled (or a status xAI adds later): not an answer to give on.
		throw new InvalidReplyError(
			`xAI answered with a response that was never finished: its status is "${String(status)}"`,
			excerpt(JSON.stringify(response)),
		);
	}
	// Incomplete with text is like finish_reason "length"; with no text there is nothing to give.
	if (status === 'incomplete' && !outputText(response)) {
		throw new InvalidReplyError(
			`xAI stopped before writing any reply (${incompleteReason(response)}): raise the Maximum Number of Tokens, or lower the Reasoning Effort`,
			excerpt(JSON.stringify(response)),
		);
	}
	return response;
}

/**
 * Follows a streamed response. The result is the response of the final `response.completed` (or
 * `response.incomplete`) event, the very object a whole reply would be; the text deltas are kept
 * only to forward them and to report what arrived of a reply that was cut off.
 */
export class ResponseAssembler implements StreamAssembler<XaiResponse> {
	private final: unknown;

	private started = false;

	private partial = '';

	add({ event, data }: SseEvent): string | undefined {
		if (data === '[DONE]') return undefined;
		if (!isObject(data)) throw notA('a response event', data);
		const type = typeof data.type === 'string' ? data.type : event;
		this.started = true;
		switch (type) {
			case 'response.output_text.delta': {
				const { delta } = data;
				if (typeof delta !== 'string' || !delta) return undefined;
				this.partial += delta;
				return delta;
			}
			case 'response.completed':
			case 'response.incomplete':
				if (!isObject(data.response)) throw notA('a response event', data);
				this.final = data.response;
				return undefined;
			case 'response.failed': {
				const error = isObject(data.response) ? data.response.error : undefined;
				throw reportedError(isObject(error) ? error.message : undefined, this.partial);
			}
			case 'error':
				throw reportedError(data.message, this.partial);
			default:
				return undefined;
		}
	}

	get text(): string {
		return this.partial;
	}

	result(): XaiResponse {
		if (this.final === undefined) throw unfinishedStreamError(this.started, this.partial);
		return checkResponse(this.final);
	}
}
