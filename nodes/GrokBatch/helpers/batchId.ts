/** The Batch ID, which Get Results and Cancel take. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidParameterError } from '../../shared/errors';
import { pathSegmentProblem } from '../../shared/ids';
import { textParameter } from '../../shared/options';

export const batchIdProperty: INodeProperties = {
	displayName: 'Batch ID',
	name: 'batchId',
	type: 'string',
	default: '={{ $json.batchId }}',
	required: true,
	description: 'The ID Submit gave the batch',
	displayOptions: { show: { operation: ['getResults', 'cancel'] } },
};

export function readBatchId(ctx: IExecuteFunctions, itemIndex: number): string {
	const batchId = textParameter(ctx.getNodeParameter('batchId', itemIndex, ''), 'Batch ID').trim();
	if (!batchId) {
		throw new InvalidParameterError(
			'Batch ID',
			'enter the ID of a batch, e.g. {{ $json.batchId }}',
		);
	}
	// The ID becomes a path segment: "..", "." or a "/" would name another path at xAI.
	const problem = pathSegmentProblem(batchId);
	if (problem) {
		throw new InvalidParameterError(
			'Batch ID',
			`${JSON.stringify(batchId)} is not a batch ID: ${problem}`,
		);
	}
	return batchId;
}
