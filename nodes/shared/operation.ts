/**
 * The one operation contract and the one item loop of every node. A node class lists its
 * operations and hands the chosen one to `runOperation`: the loop opens the session, runs items
 * concurrently, sends each failure to the error output with `pairedItem` (or stops the run), and
 * closes the session.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { errorOutputJson, toNodeError } from './errors';
import { openSession } from './nodeSession';
import type { Redact } from './redact';
import type { XaiSession } from './session';

/**
 * A failure that belongs to one item without ending the operation (e.g. one request of a batch):
 * `itemIndex` is the item it names, if not the one being run.
 */
export interface ItemFailure {
	failure: unknown;
	itemIndex?: number;
	details?: IDataObject;
}

/** What an operation gives for an item: output items (without `pairedItem`, it is added) or failures. */
export type ItemResult = INodeExecutionData | ItemFailure;

function isFailure(result: ItemResult): result is ItemFailure {
	return !('json' in result);
}

/** One item's work: the output items it makes (or a failure of its own). */
export type ItemExecute<Result extends ItemResult = INodeExecutionData> = (
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
) => Promise<Result[]>;

/** Runs once per input item; what it throws fails that item. */
export interface ItemOperation {
	description: INodeProperties[];
	execute: ItemExecute<ItemResult>;
}

/**
 * Runs once for the whole input (one request carries every item, as a batch does): `prepare`
 * checks each item before anything is sent, then `executeAll` gets the prepared items. What
 * `executeAll` throws fails every prepared item.
 */
export interface InputOperation<Prepared extends { itemIndex: number } = { itemIndex: number }> {
	description: INodeProperties[];
	prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<Prepared>;
	executeAll(
		ctx: IExecuteFunctions,
		session: XaiSession,
		prepared: Prepared[],
	): Promise<ItemResult[]>;
}

export interface RunOptions {
	/** The node's `this.continueOnFail()`, read in the node class as n8n's lint expects. */
	continueOnFail: boolean;
	/** What the user gave the model, for remedies ("check the prompt"); "the messages" if unset. */
	input?: string;
	/** Items under way at once; the node's Concurrency option if unset. */
	concurrency?: number;
}

export async function runOperation(
	ctx: IExecuteFunctions,
	operation: ItemOperation | InputOperation,
	options: RunOptions,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	let redact: Redact = (text) => text;
	const settle = (result: ItemResult, pairedIndex: number): INodeExecutionData => {
		if (!isFailure(result)) {
			return { ...result, pairedItem: result.pairedItem ?? { item: pairedIndex } };
		}
		const itemIndex = result.itemIndex ?? pairedIndex;
		const error = toNodeError(ctx.getNode(), result.failure, itemIndex, redact, options.input);
		if (!options.continueOnFail) throw error;
		const json = errorOutputJson(error);
		Object.assign(json.error as IDataObject, result.details);
		return { json, pairedItem: { item: pairedIndex } };
	};

	const opened = await openSession(ctx);
	redact = opened.redact;
	if (!opened.session) {
		// Under "Continue", n8n would pass the input items on unchanged, as if they had succeeded:
		// a failure before any request (credential, options) fails every item instead.
		return [items.map((_, itemIndex) => settle({ failure: opened.error }, itemIndex))];
	}
	const { session } = opened;
	try {
		if ('executeAll' in operation) return [await runOnInput(ctx, operation, session, settle)];
		// One input item may give several output items (images), kept in input order.
		const results: INodeExecutionData[][] = items.map(() => []);
		await forEachItem(
			items.length,
			options.concurrency ?? session.concurrency,
			async (itemIndex) => {
				let outputs: ItemResult[];
				try {
					outputs = await operation.execute(ctx, itemIndex, session);
				} catch (failure) {
					outputs = [{ failure }];
				}
				results[itemIndex] = outputs.map((result) => settle(result, itemIndex));
			},
		);
		return [results.flat()];
	} finally {
		session.close();
	}
}

async function runOnInput(
	ctx: IExecuteFunctions,
	operation: InputOperation,
	session: XaiSession,
	settle: (result: ItemResult, pairedIndex: number) => INodeExecutionData,
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[] = [];
	const prepared: Array<{ itemIndex: number }> = [];
	for (let itemIndex = 0; itemIndex < ctx.getInputData().length; itemIndex++) {
		try {
			prepared.push(await operation.prepare(ctx, itemIndex));
		} catch (failure) {
			results.push(settle({ failure }, itemIndex));
		}
	}
	if (prepared.length === 0) return results;
	let outputs: ItemResult[];
	try {
		outputs = await operation.executeAll(ctx, session, prepared);
	} catch (failure) {
		// Nothing was made: each item it was to carry fails with the reason.
		outputs = prepared.map(({ itemIndex }) => ({ failure, itemIndex }));
	}
	// Items the batch carries name their items themselves; a failure, the item it names.
	for (const result of outputs)
		results.push(settle(result, isFailure(result) ? (result.itemIndex ?? 0) : 0));
	return results;
}

/**
 * Runs `task` for item 0..count-1 with at most `concurrency` items under way; results stay in
 * their slots, so order never depends on timing. After a task throws, no new item starts and the
 * error of the lowest item index is thrown once the running ones have settled.
 */
export async function forEachItem(
	count: number,
	concurrency: number,
	task: (itemIndex: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	const failures: Array<{ itemIndex: number; error: unknown }> = [];
	const worker = async () => {
		while (next < count && failures.length === 0) {
			const itemIndex = next++;
			try {
				await task(itemIndex);
			} catch (error) {
				failures.push({ itemIndex, error });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	if (failures.length > 0) {
		throw failures.sort((a, b) => a.itemIndex - b.itemIndex)[0].error;
	}
}

/** The operation the node's Operation parameter names (read once, at the first item). */
export function chosenOperation<Operation>(
	ctx: IExecuteFunctions,
	operations: Record<string, Operation>,
): Operation {
	return operations[ctx.getNodeParameter('operation', 0) as string];
}
