/** Cancel: xAI stops the batch's pending requests; those already answered keep their results. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callSettings } from '../../shared/options';
import type { ItemExecute } from '../../shared/operation';
import { optionsCollection } from '../../shared/properties';
import { cancelBatch } from '../helpers/batches';
import { readBatchId } from '../helpers/batchId';
import { withCallOptions } from '../helpers/callOptions';
import { toStatusJson } from '../helpers/status';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { operation: ['cancel'] } },
	[
		{
			...optionsCollection,
			options: withCallOptions([]),
		},
	],
);

export const execute: ItemExecute = async (ctx, itemIndex, session) => {
	const batchId = readBatchId(ctx, itemIndex);
	const settings = callSettings(ctx.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const batch = await cancelBatch(session, batchId, settings);
	return [{ json: toStatusJson(batch) }];
};
