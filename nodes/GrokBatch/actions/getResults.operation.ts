/**
 * Get Results: a batch's state, and once it is finished one output item per request, in the
 * order of the items that were submitted, simplified as Grok Chat's are; failed requests become
 * error items with xAI's message. A batch still at work gives one item saying so (for a loop
 * through a Wait node), or with Wait for Completion on, is polled until done or the wait is over.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { XaiRequestError } from '../../shared/errors';
import { compileSchema, schemaOption } from '../../shared/jsonSchema';
import { callSettings, integerParameter } from '../../shared/options';
import type { ItemResult } from '../../shared/operation';
import type { XaiSession } from '../../shared/session';
import { showOnlyWhen } from '../../shared/versions';
import { simplifyProperty } from '../../GrokChat/common/descriptions';
import { outputOptions } from '../../GrokChat/common/optionDescriptions';
import type { OutputOptions } from '../../GrokChat/common/structuredOutput';
import { getBatch } from '../helpers/batches';
import { readBatchId } from '../helpers/batchId';
import type { ResultOutput } from '../helpers/results';
import { finishedResults } from '../helpers/results';
import { statusOf, toStatusJson } from '../helpers/status';

export const DEFAULT_POLL_INTERVAL_SECONDS = 60;
export const DEFAULT_MAX_WAIT_MINUTES = 60;

export const description: INodeProperties[] = [
	...showOnlyWhen({ operation: ['getResults'] }, [
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
			typeOptions: { minValue: 1 },
			default: DEFAULT_POLL_INTERVAL_SECONDS,
			description: 'How long to wait between two checks of the batch',
			displayOptions: { show: { waitForCompletion: [true] } },
		},
		{
			displayName: 'Max Wait (Minutes)',
			name: 'maxWait',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_MAX_WAIT_MINUTES,
			description:
				"How long to keep checking; then the node answers with the batch's state as if Wait for Completion were off",
			displayOptions: { show: { waitForCompletion: [true] } },
		},
		{
			...simplifyProperty,
			description:
				"Whether to return only each reply's content, reasoning, finish reason, model, usage, cost and ID instead of xAI's full chat completion",
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			description:
				'Set the response format the batch was submitted with, to get JSON replies parsed',
			// Grok Chat's output options that shape a result.
			options: outputOptions,
		},
	]),
];

export async function execute(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
): Promise<ItemResult[]> {
	const batchId = readBatchId(ctx, itemIndex);
	const output = readOutputOptions(ctx, itemIndex);
	const settings = callSettings({});
	let batch = await getBatch(session, batchId, settings);

	if (ctx.getNodeParameter('waitForCompletion', itemIndex, false) === true) {
		const intervalMs =
			integerParameter(
				ctx.getNodeParameter('pollInterval', itemIndex, DEFAULT_POLL_INTERVAL_SECONDS),
				'Poll Interval (Seconds)',
				1,
			) * 1000;
		const maxWaitMs =
			integerParameter(
				ctx.getNodeParameter('maxWait', itemIndex, DEFAULT_MAX_WAIT_MINUTES),
				'Max Wait (Minutes)',
				1,
			) * 60_000;
		const giveUpAt = Date.now() + maxWaitMs;
		const signal = ctx.getExecutionCancelSignal?.();
		while (statusOf(batch) === 'processing' && Date.now() + intervalMs <= giveUpAt) {
			await pause(intervalMs, signal);
			batch = await getBatch(session, batchId, settings);
		}
	}

	if (statusOf(batch) === 'processing') return [{ json: toStatusJson(batch) }];
	return await finishedResults(session, batch, settings, output);
}

function readOutputOptions(ctx: IExecuteFunctions, itemIndex: number): ResultOutput {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
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

/** Waits between two checks; a cancelled execution stops waiting at once. */
async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const cancelled = () =>
			new XaiRequestError('aborted', 'The execution was cancelled while waiting for the batch');
		if (signal?.aborted) return reject(cancelled());
		const onAbort = () => {
			clearTimeout(timer);
			reject(cancelled());
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}
