/**
 * Submit: every input item of the run becomes one request of a single xAI batch, built by Grok
 * Chat's own request builder (version 1, chat completions) from the same parameters. An item
 * whose parameters are bad fails before the upload; the others go out as one JSONL file.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callSettings, textParameter } from '../../shared/options';
import type { XaiSession } from '../../shared/session';
import {
	requestOptions,
	requestProperties,
} from '../../GrokChat/common/chatCompletions/descriptions';
import { readChatRequest } from '../../GrokChat/common/chatCompletions/read';
import {
	emptyModelProperty,
	modelProperty,
	optionsProperty,
} from '../../GrokChat/common/descriptions';
import type { BatchLine } from '../helpers/batches';
import { createBatch } from '../helpers/batches';
import { withCallOptions } from '../helpers/callOptions';
import { toStatusJson } from '../helpers/status';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { operation: ['submit'] } },
	[
		// xAI retires model IDs: the Model starts empty and the user picks from xAI's live list.
		...requestProperties.map((property) =>
			property === modelProperty ? emptyModelProperty : property,
		),
		{
			displayName: 'Batch Name',
			name: 'batchName',
			type: 'string',
			default: 'n8n batch',
			description: 'A name to find the batch by in the xAI Console',
		},
		{
			...optionsProperty,
			description: "Sent with every request of the batch, as Grok Chat's options are",
			options: withCallOptions(requestOptions),
		},
	],
);

/**
 * One item's request, checked: bad parameters throw here, before anything is uploaded. A single
 * stop sequence goes as xAI's schema has it, an array (Grok Chat version 1 keeps sending the text
 * as it always has).
 */
export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<BatchLine> {
	const { body } = await readChatRequest(ctx, itemIndex);
	if (typeof body.stop === 'string') body.stop = [body.stop];
	return { itemIndex, body };
}

/** Uploads the lines and starts the batch: the output item says which and how many. */
export async function executeAll(
	ctx: IExecuteFunctions,
	session: XaiSession,
	lines: BatchLine[],
): Promise<INodeExecutionData[]> {
	// An expression may give anything: only text names a batch, never "[object Object]".
	const name =
		textParameter(ctx.getNodeParameter('batchName', 0, 'n8n batch'), 'Batch Name').trim() ||
		'n8n batch';
	const settings = callSettings(ctx.getNodeParameter('options', 0, {}) as IDataObject);
	const { batch, fileId } = await createBatch(session, lines, name, settings);
	const json = toStatusJson(batch);
	// xAI may count the file's lines only once it has read them.
	if (!json.requestCount) {
		json.requestCount = lines.length;
		json.pending = lines.length;
	}
	return [
		{ json: { ...json, fileId }, pairedItem: lines.map(({ itemIndex }) => ({ item: itemIndex })) },
	];
}
