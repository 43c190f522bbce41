/**
 * Get Results: a batch's state, and once it is finished one output item per request, in the
 * order of the items that were submitted, simplified as Grok Chat's are; failed requests become
 * error items with xAI's message. A batch still at work gives one item saying so (for a loop
 * through a Wait node), or with Wait for Completion on, is polled until done or the wait is over.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { compileSchema, schemaOption } from '../../shared/jsonSchema';
import { callSettings, integerParameter } from '../../shared/options';
import type { ItemExecute, ItemResult } from '../../shared/operation';
import { optionsCollection } from '../../shared/properties';
import { simplifyProperty } from '../../GrokChat/common/descriptions';
import { outputOptions } from '../../GrokChat/common/optionDescriptions';
import type { OutputOptions } from '../../GrokChat/common/structuredOutput';
import { getBatch } from '../helpers/batches';
import { withCallOptions } from '../helpers/callOptions';
import { readBatchId } from '../helpers/batchId';
import type { ResultOutput } from '../helpers/results';
import { finishedResults } from '../helpers/results';
import { statusOf, toStatusJson } from '../helpers/status';
import { waitForBatch } from '../helpers/wait';

export const DEFAULT_POLL_INTERVAL_SECONDS = 60;
export const DEFAULT_MAX_WAIT_MINUTES = 60;
/** A day: longer than a timer can hold is refused, and a longer wait belongs in a Wait node. */
export const MAX_POLL_INTERVAL_SECONDS = 86_400;
/** xAI finishes most batches within 24 hours: a longer wait belongs in a loop through a Wait node. */
export const MAX_WAIT_MINUTES = 1440;

export const description: INodeProperties[] = [
	...updateDisplayOptions({ show: { operation: ['getResults'] } }, [
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			description:
				'Whether to keep checking the batch until it is finished (or the maximum wait is over) instead of answering at once. Off suits a loop through a Wait node, which holds no worker while it waits.',
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_POLL_INTERVAL_SECONDS },
			default: DEFAULT_POLL_INTERVAL_SECONDS,
			description: 'How long to wait between two checks of the batch (at most a day)',
			displayOptions: { show: { waitForCompletion: [true] } },
		},
		{
			displayName: 'Max Wait (Minutes)',
			name: 'maxWait',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_WAIT_MINUTES },
			default: DEFAULT_MAX_WAIT_MINUTES,
			description:
				"How long to keep checking (at most 1440, a day), each check included; then the node answers with the batch's state as if Wait for Completion were off",
			displayOptions: { show: { waitForCompletion: [true] } },
		},
		{
			...simplifyProperty,
			description:
				"Whether to return only each reply's content, reasoning, finish reason, model, usage, cost and ID instead of xAI's full chat completion",
		},
		{
			...optionsCollection,
			description:
				'Set the response format the batch was submitted with, to get JSON replies parsed',
			// Grok Chat's output options that shape a result, and how the requests are sent.
			options: withCallOptions(outputOptions),
		},
	]),
];

export const execute: ItemExecute<ItemResult> = async (ctx, itemIndex, session) => {
	// Every parameter is checked before the first request.
	const batchId = readBatchId(ctx, itemIndex);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const output = readOutputOptions(ctx, itemIndex, options);
	const settings = callSettings(options);
	const wait = readWait(ctx, itemIndex);
	const batch = wait
		? await waitForBatch(session, batchId, settings, {
				...wait,
				signal: ctx.getExecutionCancelSignal?.(),
			})
		: await getBatch(session, batchId, settings);

	if (statusOf(batch) === 'processing') return [{ json: toStatusJson(batch) }];
	return await finishedResults(session, batch, settings, output);
};

/** Poll Interval and Max Wait when Wait for Completion is on, bounded as documented. */
function readWait(ctx: IExecuteFunctions, itemIndex: number) {
	if (ctx.getNodeParameter('waitForCompletion', itemIndex, false) !== true) return undefined;
	const intervalSeconds = integerParameter(
		ctx.getNodeParameter('pollInterval', itemIndex, DEFAULT_POLL_INTERVAL_SECONDS),
		'Poll Interval (Seconds)',
		1,
		MAX_POLL_INTERVAL_SECONDS,
	);
	const maxWaitMinutes = integerParameter(
		ctx.getNodeParameter('maxWait', itemIndex, DEFAULT_MAX_WAIT_MINUTES),
		'Max Wait (Minutes)',
		1,
		MAX_WAIT_MINUTES,
	);
	return { intervalMs: intervalSeconds * 1000, maxWaitMs: maxWaitMinutes * 60_000 };
}

function readOutputOptions(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): ResultOutput {
	const responseFormat = options.responseFormat as OutputOptions['responseFormat'];
	return {
		simplify: ctx.getNodeParameter('simplify', itemIndex, true) as boolean,
		responseFormat,
		includeReasoning: options.includeReasoning as boolean | undefined,
		check:
			responseFormat === 'json_schema'
				? compileSchema(schemaOption(options.jsonSchema))
				: undefined,
	};
}
