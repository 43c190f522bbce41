/**
 * Submit: every input item of the run becomes one request of a single xAI batch, built by Grok
 * Chat's own request builder (version 1, chat completions) from the same parameters. An item
 * whose parameters are bad fails before the upload; the others go out as one JSONL file.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { callSettings } from '../shared/options';
import type { XaiSession } from '../shared/session';
import { showOnlyWhen } from '../shared/versions';
import { binaryPropertiesOf, loadBinaryImages } from '../GrokChat/messages';
import { readChatParameters } from '../GrokChat/v1/chat';
import { chatProperties } from '../GrokChat/v1/description';
import { buildChatRequest } from '../GrokChat/v1/request';
import type { BatchLine } from './batches';
import { createBatch, toStatusJson } from './batches';

/** Grok Chat's parameters that shape a request; the rest (streaming, concurrency) do not apply. */
const REQUEST_PARAMETERS = ['model', 'messagesSource', 'messages', 'messagesJson'];
const REQUEST_OPTIONS = [
	'frequencyPenalty',
	'jsonSchema',
	'maxTokens',
	'presencePenalty',
	'reasoningEffort',
	'responseFormat',
	'seed',
	'stop',
	'temperature',
	'topP',
	'user',
];

function chatProperty(name: string): INodeProperties {
	const property = chatProperties.find((candidate) => candidate.name === name);
	if (!property) throw new Error(`Grok Chat has no parameter ${name}`);
	return property;
}

const chatOptions = chatProperty('options');

export const description: INodeProperties[] = showOnlyWhen({ operation: ['submit'] }, [
	...REQUEST_PARAMETERS.map(chatProperty),
	{
		displayName: 'Batch Name',
		name: 'batchName',
		type: 'string',
		default: 'n8n batch',
		description: 'A name to find the batch by in the xAI Console',
	},
	{
		...chatOptions,
		description: "Sent with every request of the batch, as Grok Chat's options are",
		options: (chatOptions.options ?? []).filter(
			(option) => 'name' in option && REQUEST_OPTIONS.includes(option.name),
		),
	},
]);

/** One item's request, checked: bad parameters throw here, before anything is uploaded. */
export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<BatchLine> {
	const parameters = readChatParameters(ctx, itemIndex);
	const images = await loadBinaryImages(ctx, itemIndex, binaryPropertiesOf(parameters));
	return { itemIndex, body: buildChatRequest(parameters, images) };
}

/** Uploads the lines and starts the batch: the output item says which and how many. */
export async function executeAll(
	ctx: IExecuteFunctions,
	session: XaiSession,
	lines: BatchLine[],
): Promise<INodeExecutionData[]> {
	const name = String(ctx.getNodeParameter('batchName', 0, 'n8n batch') || 'n8n batch');
	const { batch, fileId } = await createBatch(session, lines, name, callSettings({}));
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
