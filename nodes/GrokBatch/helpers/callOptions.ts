/** How Grok Batch's requests are sent: Max Retries and Timeout, in each operation's Options. */
import type { INodeProperties } from 'n8n-workflow';

import { maxRetriesOption, timeoutOption } from '../../shared/properties';

export const batchCallOptions: INodeProperties[] = [
	{
		...maxRetriesOption,
		description: `${maxRetriesOption.description} Starting the batch (Submit's POST /batches) is never sent again once xAI may have accepted it.`,
	},
	timeoutOption(
		"Milliseconds one request to xAI may take: the upload, the batch's start, each check and each page of results",
	),
];

/** `options` with Max Retries and Timeout among them, in the order of their names. */
export function withCallOptions(options: INodeProperties[]): INodeProperties[] {
	return [...options, ...batchCallOptions].sort((a, b) =>
		a.displayName.localeCompare(b.displayName),
	);
}
