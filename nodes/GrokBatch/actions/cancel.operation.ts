/** Cancel: xAI stops the batch's pending requests; those already answered keep their results. */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { callSettings } from '../../shared/options';
import type { XaiSession } from '../../shared/session';
import { cancelBatch } from '../helpers/batches';
import { readBatchId } from '../helpers/batchId';
import { toStatusJson } from '../helpers/status';

export const description: INodeProperties[] = [];

export async function execute(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
): Promise<INodeExecutionData[]> {
	const batch = await cancelBatch(session, readBatchId(ctx, itemIndex), callSettings({}));
	return [{ json: toStatusJson(batch) }];
}
