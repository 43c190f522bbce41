/** What a response says: its text, its reasoning and why it ended. */
import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../../json';
import type { XaiResponse } from './types';

/** The output items of one type. */
export const itemsOf = (response: XaiResponse, type: string) =>
	response.output.filter((item) => isObject(item) && item.type === type);

/** The object entries of an item's list `key` (content, annotations, summary). */
export const partsOf = (item: IDataObject, key: string): IDataObject[] =>
	Array.isArray(item[key]) ? ((item[key] as unknown[]).filter(isObject) as IDataObject[]) : [];

/** The text of the assistant's message items, as the deltas brought it. */
export function outputText(response: XaiResponse): string {
	return itemsOf(response, 'message')
		.flatMap((item) => partsOf(item, 'content'))
		.filter((part) => part.type === 'output_text' && typeof part.text === 'string')
		.map((part) => part.text as string)
		.join('');
}

/** What the model said instead of an answer: its `refusal` content parts, if any. */
export function refusalText(response: XaiResponse): string | undefined {
	const refusals = itemsOf(response, 'message')
		.flatMap((item) => partsOf(item, 'content'))
		.filter((part) => part.type === 'refusal')
		.map((part) => (typeof part.refusal === 'string' ? part.refusal.trim() : ''));
	if (refusals.length === 0) return undefined;
	return refusals.filter(Boolean).join('\n') || 'no reason given';
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

export function incompleteReason(response: XaiResponse): string {
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
