/** A batch -> what it is doing, and the status JSON every operation outputs. */
import type { IDataObject } from 'n8n-workflow';

import { costUsdOf } from '../../shared/cost';
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
	const costUsd = batchCostUsd(batch);
	if (costUsd !== undefined) json.costUsd = costUsd;
	return json;
}

/**
 * What the batch has cost so far: `cost_breakdown.total_cost_usd_ticks` (xAI SDK's batch proto,
 * BatchCostBreakdown), an int64 that JSON may carry as a number or as a string of digits, read
 * within the same bounds as a request's cost.
 */
function batchCostUsd(batch: XaiBatch): number | undefined {
	const ticks = batch.cost_breakdown?.total_cost_usd_ticks;
	const count = typeof ticks === 'string' && /^\d{1,20}$/.test(ticks) ? Number(ticks) : ticks;
	return costUsdOf({ cost_in_usd_ticks: count });
}
