/**
 * xAI's Responses endpoint as the session sees it (path, body, reply checks, stream assembly),
 * and a response -> the node's output JSON. Pure: no I/O.
 */
import type { IDataObject } from 'n8n-workflow';

import { costUsdOf } from '../../shared/cost';
import { InvalidReplyError, notA, XaiRequestError } from '../../shared/errors';
import type { StreamAssembler, XaiEndpoint } from '../../shared/session';
import type { SseEvent } from '../../shared/transport';
import { excerpt, isObject, NOT_JSON, parseJson } from '../../shared/json';
import type { OutputOptions } from '../common/structuredOutput';
import { parseContent } from '../common/structuredOutput';
import type { ResponsesRequest } from './request';

export { InvalidReplyError };
export type { OutputOptions };

/** A response as xAI returns it; only the fields read here are typed. */
export interface XaiResponse extends IDataObject {
	id: string;
	object: string;
	model: string;
	status: string;
	output: IDataObject[];
	incomplete_details?: { reason?: string } | null;
	usage?: IDataObject | null;
	error?: { code?: unknown; message?: unknown } | null;
}

export interface Citation extends IDataObject {
	url: string;
	title?: string;
}

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
	if (response.status === 'failed') {
		throw reportedError(isObject(response.error) ? response.error.message : undefined);
	}
	// Incomplete with text is like finish_reason "length"; with no text there is nothing to give.
	if (response.status === 'incomplete' && !outputText(response)) {
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
		if (this.final === undefined) {
			// Like a lost connection: nothing says xAI finished, so it is retried when it may be.
			const partial = this.partial;
			throw new XaiRequestError(
				'connection',
				this.started
					? `xAI stopped after ${partial.length} characters: the reply is incomplete (the stream ended before xAI finished it)`
					: 'xAI closed the stream without sending a reply',
				undefined,
				undefined,
				partial || undefined,
			);
		}
		return checkResponse(this.final);
	}
}

const itemsOf = (response: XaiResponse, type: string) =>
	response.output.filter((item) => isObject(item) && item.type === type);

const partsOf = (item: IDataObject, key: string): IDataObject[] =>
	Array.isArray(item[key]) ? ((item[key] as unknown[]).filter(isObject) as IDataObject[]) : [];

/** The text of the assistant's message items, as the deltas brought it. */
export function outputText(response: XaiResponse): string {
	return itemsOf(response, 'message')
		.flatMap((item) => partsOf(item, 'content'))
		.filter((part) => part.type === 'output_text' && typeof part.text === 'string')
		.map((part) => part.text as string)
		.join('');
}

/** The reasoning summaries (or, where a model gives no summary, its reasoning text). */
export function reasoningText(response: XaiResponse): string {
	return itemsOf(response, 'reasoning')
		.flatMap((item) => {
			const summary = partsOf(item, 'summary').filter((p) => typeof p.text === 'string');
			return summary.length > 0
				? summary
				: partsOf(item, 'content').filter((p) => typeof p.text === 'string');
		})
		.map((part) => part.text as string)
		.join('\n\n');
}

function incompleteReason(response: XaiResponse): string {
	const reason = response.incomplete_details?.reason;
	return typeof reason === 'string' && reason ? reason : 'incomplete';
}

/**
 * completed -> "stop" (as chat completions say); incomplete for max_output_tokens -> "length",
 * for content_filter -> "content_filter", for another reason -> that reason; any other status
 * (e.g. "cancelled") as it is.
 */
export function finishReason(response: XaiResponse): string {
	if (response.status === 'completed') return 'stop';
	if (response.status === 'incomplete') {
		const reason = incompleteReason(response);
		return reason === 'max_output_tokens' ? 'length' : reason;
	}
	return String(response.status);
}

/** Cited sources in order of first citation, once per URL; a title that says nothing is left out. */
export function citationsOf(response: XaiResponse): Citation[] {
	const citations = new Map<string, Citation>();
	for (const part of itemsOf(response, 'message').flatMap((item) => partsOf(item, 'content'))) {
		for (const annotation of partsOf(part, 'annotations')) {
			const { type, url, title } = annotation;
			if (type !== 'url_citation' || typeof url !== 'string' || !url) continue;
			const known = citations.get(url);
			const usable =
				typeof title === 'string' && title.trim() && title !== url && !/^\d+$/.test(title.trim());
			if (!known) citations.set(url, usable ? { url, title: title.trim() } : { url });
			else if (usable && known.title === undefined) known.title = title.trim();
		}
	}
	return [...citations.values()];
}

const SERVER_TOOLS: Record<string, string> = {
	web_search_call: 'web_search',
	x_search_call: 'x_search',
	code_interpreter_call: 'code_interpreter',
	file_search_call: 'file_search',
	mcp_call: 'mcp',
};

function parsedJson(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const parsed = parseJson(value);
	return parsed === NOT_JSON ? value : parsed;
}

/** The tools xAI ran on its side, in order, each with what it was asked. */
export function serverToolCallsOf(response: XaiResponse): IDataObject[] {
	const calls: IDataObject[] = [];
	for (const item of response.output) {
		if (!isObject(item) || typeof item.type !== 'string') continue;
		const name = typeof item.name === 'string' ? item.name : undefined;
		let type = SERVER_TOOLS[item.type];
		// X search comes as a custom tool call named x_keyword_search, x_semantic_search, ...
		if (item.type === 'custom_tool_call' && name && /^(x_|view_x_)/.test(name)) type = 'x_search';
		if (!type) continue;
		const call: IDataObject = { type };
		if (name) call.name = name;
		const rawArguments = item.arguments ?? item.input;
		const args = parsedJson(rawArguments);
		const action = isObject(item.action) ? item.action : undefined;
		const query =
			(typeof action?.query === 'string' && action.query) ||
			(isObject(args) && typeof args.query === 'string' && args.query) ||
			(Array.isArray(item.queries) && item.queries.filter((q) => typeof q === 'string').join('; '));
		if (query) call.query = query;
		if (rawArguments !== undefined && rawArguments !== '') call.arguments = args as IDataObject;
		else if (typeof item.code === 'string') call.arguments = { code: item.code };
		if (item.status !== undefined) call.status = item.status as string;
		calls.push(call);
	}
	return calls;
}

export function toOutputJson(
	response: XaiResponse,
	simplify: boolean,
	options: OutputOptions,
): IDataObject {
	if (!simplify) return response;

	const output: IDataObject = {
		content: parseContent(outputText(response), options) as IDataObject,
	};
	const reasoning = reasoningText(response);
	if (reasoning && options.includeReasoning !== false) output.reasoningContent = reasoning;
	output.finishReason = finishReason(response);
	output.model = response.model;
	if (response.usage) output.usage = response.usage;
	const costUsd = costUsdOf(response.usage);
	if (costUsd !== undefined) output.costUsd = costUsd;
	output.id = response.id;
	output.responseId = response.id;
	output.citations = citationsOf(response);
	output.serverToolCalls = serverToolCallsOf(response);
	return output;
}
