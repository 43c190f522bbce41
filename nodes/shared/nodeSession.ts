/** Opens an execution's session from the node's credential and its node-wide options. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	DEFAULT_CONCURRENCY,
	DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
	integerOption,
	MAX_RATE_LIMIT_WAIT_SECONDS,
} from './options';
import type { Redact } from './redact';
import { redactor, secretsOf } from './redact';
import { XaiSession } from './session';
import type { XaiCredentials } from './transport';

export type OpenedSession =
	| { session: XaiSession; redact: Redact; error?: undefined }
	| { session?: undefined; redact: Redact; error: unknown };

/**
 * Never throws: a node that cannot start (credential, node-wide options) fails each item with the
 * reason, and `redact` is there to clean that reason too.
 */
export async function openSession(ctx: IExecuteFunctions): Promise<OpenedSession> {
	let redact: Redact = (text) => text;
	try {
		const credentials = await ctx.getCredentials<XaiCredentials & IDataObject>('xAiGrokApi');
		redact = redactor(secretsOf(credentials));
		const concurrency = nodeOption(ctx, () =>
			integerOption(
				ctx.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY),
				'Concurrency',
				1,
			),
		);
		const waitSeconds = nodeOption(ctx, () =>
			integerOption(
				ctx.getNodeParameter('options.maxRateLimitWait', 0, DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS),
				'Max Rate-Limit Wait',
				0,
				MAX_RATE_LIMIT_WAIT_SECONDS,
			),
		);
		const session = new XaiSession(credentials, {
			concurrency,
			maxRateLimitWaitMs: waitSeconds * 1000,
			signal: ctx.getExecutionCancelSignal?.(),
		});
		return { session, redact };
	} catch (error) {
		return { redact, error };
	}
}

/** A node-wide option concerns the node, not one item. */
function nodeOption<T>(ctx: IExecuteFunctions, read: () => T): T {
	try {
		return read();
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message);
	}
}
