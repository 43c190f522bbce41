/**
 * The failures every node of the package knows, and the one funnel that turns any of them into
 * the n8n error a user sees: what went wrong, what to do, and never the API key.
 */
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { excerpt } from './json';
import type { Redact } from './redact';

/** Bad input, found before any request: `field` tells the user where to look. */
export class InvalidParameterError extends Error {
	constructor(
		readonly field: string,
		problem: string,
	) {
		super(`${field}: ${problem}`);
		this.name = 'InvalidParameterError';
	}
}

/** xAI answered, but not with what was asked for; `rawText` is what it sent (shortened). */
/** The item has no binary `missing` ("binary field "data""); the message names the ones it has. */
export function missingBinaryError(
	field: string,
	binary: object | undefined,
	missing: string,
): InvalidParameterError {
	const present = Object.keys(binary ?? {});
	const has = present.length ? `it has ${present.map((p) => `"${p}"`).join(', ')}` : 'it has none';
	return new InvalidParameterError(field, `the input item has no ${missing} (${has})`);
}

export class InvalidReplyError extends Error {
	constructor(
		message: string,
		readonly rawText: string,
	) {
		super(message);
		this.name = 'InvalidReplyError';
	}
}

/** A reply that is not `what` (e.g. "a chat completion"), with an excerpt of what it was. */
export function notA(what: string, value: unknown): InvalidReplyError {
	return new InvalidReplyError(
		`xAI answered with something that is not ${what}`,
		excerpt(typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))),
	);
}

/**
 * xAI took the request but gave no usable result: a refusal under its content moderation, a job
 * (a video, say) that failed or expired, or one not done within the wait allowed. `remedy` says
 * what to do; `details` are facts for the error item (e.g. the job's request ID).
 */
export class XaiResultError extends Error {
	constructor(
		message: string,
		readonly remedy: string,
		readonly details: JsonObject = {},
	) {
		super(message);
		this.name = 'XaiResultError';
	}
}

export type XaiFailureKind = 'http' | 'timeout' | 'connection' | 'aborted' | 'credential';

/** A failed call to xAI, with the parts a user needs and nothing of the request (no key). */
export class XaiRequestError extends Error {
	constructor(
		readonly kind: XaiFailureKind,
		message: string,
		readonly status?: number,
		readonly retryAfterSeconds?: number,
		/** What had arrived of the reply when it stopped. */
		readonly partialText?: string,
	) {
		super(message);
		this.name = 'XaiRequestError';
	}

	/** Set when the request certainly never reached xAI (a refused connection, a cancel before it). */
	notSent = false;

	/** What to do, where the kind's usual advice does not fit (a file host, not xAI, timed out). */
	remedy?: string;
}

/**
 * A streamed reply that ended before xAI said it was finished. Like a lost connection, so it is
 * retried when it may be; `started` says whether a reply had begun, `partial` what had arrived.
 */
export function unfinishedStreamError(started: boolean, partial: string): XaiRequestError {
	return new XaiRequestError(
		'connection',
		started
			? `xAI stopped after ${partial.length} characters: the reply is incomplete (the stream ended before xAI finished it)`
			: 'xAI closed the stream without sending a reply',
		undefined,
		undefined,
		partial || undefined,
	);
}

/** xAI's `code` is the status text: the SDK drops it, so it is restored from the status. */
const STATUS_TEXT: Record<number, string> = {
	400: 'Client specified an invalid argument',
	401: 'Unauthenticated',
	403: 'Permission denied',
	404: 'Not found',
	408: 'Request timeout',
	410: 'Gone',
	413: 'Payload too large',
	422: 'Unprocessable entity',
	429: 'Too many requests',
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'Service unavailable',
	504: 'Gateway timeout',
};

const CHECK_CREDENTIAL = 'Check the API key in the xAI Grok API credential';

/** What to do about `error`; `input` names what the user wrote (a chat's messages, a prompt). */
export function remedyFor(error: XaiRequestError, input = 'the messages'): string {
	const { status, message } = error;
	if (error.remedy) return error.remedy;
	switch (error.kind) {
		case 'timeout':
			return 'Raise the Timeout option: reasoning models can take minutes to answer';
		case 'connection':
			return "Check the credential's Base URL and this machine's network";
		case 'aborted':
			return 'The execution was cancelled before xAI answered';
		case 'credential':
			return 'Open the xAI Grok API credential and correct it';
	}
	if (status === 401 || (status === 400 && /api key/i.test(message))) return CHECK_CREDENTIAL;
	if (status !== undefined && status >= 300 && status < 400) {
		return 'The Base URL redirects elsewhere: enter the address it redirects to, if you trust it';
	}
	if (status === 403) {
		if (/credit|spending|balance|billing|licen[cs]e/i.test(message)) {
			return 'Your xAI team has no credits left: add credits or raise the spending limit at console.x.ai';
		}
		if (/content|policy|safety|moderat|violat/i.test(message)) {
			return `xAI blocked the content under its usage policy: rephrase ${input}`;
		}
		return 'The API key may not use this model or endpoint: check its permissions at console.x.ai';
	}
	if (status === 404)
		return 'Unknown model or endpoint: pick a model from the list, or check the Base URL';
	if (status === 410) return 'xAI has retired this feature: remove it from the request';
	if (status === 413) return 'The request is too large: send fewer or smaller images';
	if (status === 429) {
		const wait = error.retryAfterSeconds;
		const when = wait === undefined ? 'later' : `in ${Math.ceil(wait)} s`;
		return `Rate limited by xAI: try again ${when}, send fewer items at once, or raise your limits at console.x.ai`;
	}
	if (status !== undefined && status >= 500) return 'xAI is unavailable right now: try again later';
	return `xAI rejected the request: check the model's supported parameters and ${input}`;
}

/**
 * Any failure of one item -> the n8n error. Every text that leaves here goes through `redact`,
 * whatever path made it, so a key echoed by a proxy or pasted with spaces never reaches a user.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
	redact: Redact,
	input?: string,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof XaiRequestError) {
		const message = redact(error.message);
		const facts: JsonObject = {
			...(error.status !== undefined && {
				status: error.status,
				code: STATUS_TEXT[error.status] ?? null,
			}),
			...(error.retryAfterSeconds !== undefined && { retryAfterSeconds: error.retryAfterSeconds }),
		};
		const apiError = new NodeApiError(
			node,
			{ message, ...facts },
			{
				message: error.status ? `xAI error ${error.status}: ${message}` : message,
				description: remedyFor(error, input),
				httpCode: error.status ? String(error.status) : undefined,
				itemIndex,
			},
		);
		Object.assign(apiError.context, facts);
		if (error.partialText !== undefined) apiError.context.rawReply = redact(error.partialText);
		return apiError;
	}
	if (error instanceof InvalidParameterError) {
		return new NodeOperationError(node, redact(`Item ${itemIndex}, ${error.message}`), {
			itemIndex,
			description: 'Nothing was sent to xAI for this item',
		});
	}
	if (error instanceof XaiResultError) {
		const resultError = new NodeOperationError(
			node,
			redact(`Item ${itemIndex}: ${error.message}`),
			{
				itemIndex,
				description: error.remedy,
			},
		);
		Object.assign(resultError.context, error.details);
		return resultError;
	}
	if (error instanceof InvalidReplyError) {
		const replyError = new NodeOperationError(node, redact(`Item ${itemIndex}: ${error.message}`), {
			itemIndex,
			description: 'What xAI sent is attached as rawReply',
		});
		replyError.context.rawReply = redact(error.rawText);
		return replyError;
	}
	// A bug, or an error of the host: its message may quote anything, so only a redacted copy
	// leaves (errors from another realm, e.g. Node's fetch under jest, fail `instanceof Error`).
	const message = (error as { message?: unknown } | undefined)?.message;
	return new NodeOperationError(node, new Error(redact(String(message ?? error))), { itemIndex });
}

/**
 * The JSON of an item that failed under "Continue". n8n sends an item to the error output only if
 * its JSON is just `{error}` (or the item has `error` set, but then n8n cuts the JSON down to the
 * message): the details therefore live inside `error`.
 */
export function errorOutputJson(error: NodeApiError | NodeOperationError): IDataObject {
	const { itemIndex, status, code, retryAfterSeconds, rawReply, requestId } = error.context;
	const details: IDataObject = { message: error.message };
	const facts = {
		description: error.description,
		status,
		code,
		retryAfterSeconds,
		rawReply,
		requestId,
		itemIndex,
	};
	for (const [key, value] of Object.entries(facts)) {
		if (value !== undefined && value !== null) details[key] = value as IDataObject[string];
	}
	return { error: details };
}
