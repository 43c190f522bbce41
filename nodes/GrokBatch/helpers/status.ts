/** A batch -> what it is doing, and the status JSON every operation outputs. */
import type { IDataObject } from 'n8n-workflow';

import type { XaiBatch } from './batches';

/** What a batch is doing, derived from its counts and times: xAI sends no state word. */
export type BatchStatus = 'processing' | 'completed' | 'cancelled' | 'expired';

function count(value: number | null | undefined): number {
	return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export function statusOf(batch: XaiBatch, now = Date.now()): BatchStatus {
	if (batch.cancel_time || batch.cancel_by_xai_message) return 'cancelled';
	const total = count(batch.state?.num_requests);
	const pending = count(batch.state?.num_pending);
	if (total > 0 && pending === 0) return 'completed';
	const expires = batch.expire_time ? Date.parse(batch.expire_time) : NaN;
	if (!Number.isNaN(expires) && expires <= now) return 'expired';
	return 'processing';
}

/** The batch as the node outputs it: its ID, what it is doing, its counts and times. */
export function toStatusJson(batch: XaiBatch, now = Date.now()): IDataObject {
	const status = statusOf(batch, now);
	const state = batch.state ?? {};
	const json: IDataObject = {
		batchId: batch.batch_id,
		status,
		finished: status !== 'processing',
		requestCount: count(state.num_requests),
		pending: count(state.num_pending),
		succeeded: count(state.num_success),
		failed: count(state.num_error),
		cancelled: count(state.num_cancelled),
	};
	if (batch.name) json.name = batch.name;
	if (batch.create_time) json.createdAt = batch.create_time;
	if (batch.expire_time) json.expiresAt = batch.expire_time;
	if (batch.cancel_time) json.cancelledAt = batch.cancel_time;
	if (batch.cancel_by_xai_message) json.cancelMessage = batch.cancel_by_xai_message;
	return json;
}
