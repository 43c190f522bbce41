/** Every failure of one item -> the n8n error a user sees, with what went wrong and what to do. */
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InvalidParameterError } from './request';
import { InvalidReplyError } from './response';
import { XaiRequestError } from './transport';

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

export function remedyFor(error: XaiRequestError): string {
	const { status, message } = error;
	switch (error.kind) {
		case 'timeout':
			return 'Raise the Timeout option: reasoning models can take minutes to answer';
		case 'connection':
			return "Check the credential's Base URL and this machine's network";
		case 'aborted':
			return 'The execution was cancelled before xAI answered';
	}
	if (status === 401 || (status === 400 && /api key/i.test(message))) return CHECK_CREDENTIAL;
	if (status === 403) {
		if (/credit|spending|balance|billing|licen[cs]e/i.test(message)) {
			return 'Your xAI team has no credits left: add credits or raise the spending limit at console.x.ai';
		}
		if (/content|policy|safety|moderat|violat/i.test(message)) {
			return 'xAI blocked the content under its usage policy: rephrase the messages';
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
	return "xAI rejected the request: check the model's supported parameters and the messages";
}

export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof XaiRequestError) {
		const facts: JsonObject = {
			...(error.status !== undefined && {
				status: error.status,
				code: STATUS_TEXT[error.status] ?? null,
			}),
			...(error.retryAfterSeconds !== undefined && { retryAfterSeconds: error.retryAfterSeconds }),
		};
		const apiError = new NodeApiError(
			node,
			{ message: error.message, ...facts },
			{
				message: error.status ? `xAI error ${error.status}: ${error.message}` : error.message,
				description: remedyFor(error),
				httpCode: error.status ? String(error.status) : undefined,
				itemIndex,
			},
		);
		Object.assign(apiError.context, facts);
		return apiError;
	}
	if (error instanceof InvalidParameterError) {
		return new NodeOperationError(node, `Item ${itemIndex}, ${error.message}`, {
			itemIndex,
			description: 'Nothing was sent to xAI for this item',
		});
	}
	if (error instanceof InvalidReplyError) {
		const replyError = new NodeOperationError(node, `Item ${itemIndex}: ${error.message}`, {
			itemIndex,
			description: 'The raw reply is attached as rawReply',
		});
		replyError.context.rawReply = error.rawText;
		return replyError;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/**
 * The JSON of an item that failed under "Continue". n8n sends an item to the error output only if
 * its JSON is just `{error}` (or the item has `error` set, but then n8n cuts the JSON down to the
 * message): the details therefore live inside `error`.
 */
export function errorOutputJson(error: NodeApiError | NodeOperationError): IDataObject {
	const { itemIndex, status, code, retryAfterSeconds, rawReply } = error.context;
	const details: IDataObject = { message: error.message };
	const facts = {
		description: error.description,
		status,
		code,
		retryAfterSeconds,
		rawReply,
		itemIndex,
	};
	for (const [key, value] of Object.entries(facts)) {
		if (value !== undefined && value !== null) details[key] = value as IDataObject[string];
	}
	return { error: details };
}
