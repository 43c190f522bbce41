/**
 * Wait for Completion: GET the batch every Poll Interval until it is finished or Max Wait is over.
 * Every check's Timeout is cut to what is left of Max Wait, so a check that never answers ends
 * the wait at Max Wait, not at the Timeout.
 */
import { XaiRequestError, XaiResultError } from '../../shared/errors';
import type { CallSettings } from '../../shared/options';
import { sendBefore } from '../../shared/pollDeadline';
import type { XaiSession } from '../../shared/session';
import type { XaiBatch } from './batches';
import { batchRequest } from './batches';
import { statusOf } from './status';

export interface WaitSettings {
	intervalMs: number;
	maxWaitMs: number;
	signal?: AbortSignal;
}

/**
 * The batch once it is finished, or its state at the last check that answered before Max Wait;
 * fails when not even the first check answered in time.
 */
export async function waitForBatch(
	session: XaiSession,
	batchId: string,
	settings: CallSettings,
	{ intervalMs, maxWaitMs, signal }: WaitSettings,
): Promise<XaiBatch> {
	const deadline = Date.now() + maxWaitMs;
	const check = async () => await sendBefore(session, batchRequest(batchId), settings, deadline);
	let batch = await check();
	if (batch === undefined) {
		throw new XaiResultError(
			`xAI did not answer about batch ${batchId} within Max Wait (${maxWaitMs / 60_000} min)`,
			'Raise Max Wait, or turn Wait for Completion off and check again later',
			{ batchId },
		);
	}
	while (statusOf(batch) === 'processing' && Date.now() + intervalMs <= deadline) {
		await pause(intervalMs, signal);
		const next = await check();
		// Max Wait ended during the check: the state of the last answered one stands.
		if (next === undefined) break;
		batch = next;
	}
	return batch;
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
