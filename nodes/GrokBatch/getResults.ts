/**
 * Get Results: a batch's state, and once it is finished one output item per request, in the
 * order of the items that were submitted, simplified as Grok Chat's are; failed requests become
 * error items with xAI's message. A batch still at work gives one item saying so (for a loop
 * through a Wait node), or with Wait for Completion on, is polled until done or the wait is over.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidParameterError, XaiRequestError } from '../shared/errors';
import { compileSchema, schemaOption } from '../shared/jsonSchema';
import type { CallSettings } from '../shared/options';
import { callSettings, integerOption, textParameter } from '../shared/options';
import type { ItemResult } from '../shared/operation';
import type { XaiSession } from '../shared/session';
import { showOnlyWhen } from '../shared/versions';
import { checkCompletion } from '../GrokChat/common/chatCompletions/endpoint';
import { toOutputJson } from '../GrokChat/common/chatCompletions/output';
import { simplifyProperty } from '../GrokChat/common/descriptions';
import { outputOptions } from '../GrokChat/common/optionDescriptions';
import type { OutputOptions } from '../GrokChat/common/structuredOutput';
import type { XaiBatch, XaiBatchResult } from './batches';
import { getBatch, itemIndexOf, listResults, statusOf, toStatusJson } from './batches';

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

export function readBatchId(ctx: IExecuteFunctions, itemIndex: number): string {
	const batchId = textParameter(ctx.getNodeParameter('batchId', itemIndex, ''), 'Batch ID').trim();
	if (!batchId) {
		throw new InvalidParameterError(
			'Batch ID',
			'enter the ID of a batch, e.g. {{ $json.batchId }}',
		);
	}
	return batchId;
}

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
			integerOption(
				ctx.getNodeParameter('pollInterval', itemIndex, DEFAULT_POLL_INTERVAL_SECONDS),
				'Poll Interval',
				1,
			) * 1000;
		const maxWaitMs =
			integerOption(
				ctx.getNodeParameter('maxWait', itemIndex, DEFAULT_MAX_WAIT_MINUTES),
				'Max Wait',
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

interface ReadOutput extends OutputOptions {
	simplify: boolean;
}

function readOutputOptions(ctx: IExecuteFunctions, itemIndex: number): ReadOutput {
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

/** gRPC status codes (xAI's batch errors) -> the HTTP status that carries the same advice. */
const HTTP_STATUS_OF_CODE: Record<number, number> = {
	3: 400,
	5: 404,
	7: 403,
	8: 429,
	9: 400,
	13: 500,
	14: 503,
	16: 401,
};
const CANCELLED_CODE = 1;

async function finishedResults(
	session: XaiSession,
	batch: XaiBatch,
	settings: CallSettings,
	output: ReadOutput,
): Promise<ItemResult[]> {
	const batchId = batch.batch_id;
	const listed = await listResults(session, batchId, settings);
	const ordered = listed
		.map((result) => ({ result, itemIndex: itemIndexOf(result.batch_request_id) }))
		.sort((a, b) => (a.itemIndex ?? Infinity) - (b.itemIndex ?? Infinity));
	const entries: ItemResult[] = ordered.map(({ result, itemIndex }) =>
		resultEntry(batchId, result, itemIndex, output),
	);

	const missing = Number(batch.state?.num_requests ?? 0) - listed.length;
	const status = statusOf(batch);
	if (missing > 0 && status !== 'completed') {
		entries.push({
			failure: new XaiRequestError(
				'http',
				`The batch ${status === 'expired' ? 'expired' : 'was cancelled'} before ${missing} of its ${batch.state?.num_requests} requests were processed: they have no result`,
			),
			details: { batchId, unprocessed: missing },
		});
	}
	return entries;
}

function resultEntry(
	batchId: string,
	result: XaiBatchResult,
	itemIndex: number | undefined,
	output: ReadOutput,
): ItemResult {
	const customId = result.batch_request_id;
	const where = { batchId, customId, ...(itemIndex !== undefined && { itemIndex }) };
	const failure = result.batch_result?.error;
	const code = failure?.code;
	const message = result.error_message || failure?.message;
	const failed =
		!!result.error_message || (code !== undefined && code !== null && String(code) !== '0');
	try {
		if (failed || (message && !result.batch_result?.response)) {
			const numeric = Number(code);
			throw new XaiRequestError(
				'http',
				numeric === CANCELLED_CODE
					? `The request was cancelled with the batch${message ? `: ${message}` : ''}`
					: message || `xAI reports the request failed (code ${String(code)})`,
				HTTP_STATUS_OF_CODE[numeric],
			);
		}
		const completion = checkCompletion(result.batch_result?.response?.chat_get_completion);
		return { json: { ...where, ...toOutputJson(completion, output.simplify, output) } };
	} catch (error) {
		// `itemIndex` names the submitted item the failed request was made for.
		return { failure: error, itemIndex, details: where };
	}
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
