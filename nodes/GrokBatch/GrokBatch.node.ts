import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { errorOutputJson, toNodeError } from '../shared/errors';
import { searchModels, xAiGrokApiTest } from '../shared/methods';
import { openSession } from '../shared/nodeSession';
import type { Redact } from '../shared/redact';
import type { BatchLine } from './batches';
import * as cancel from './cancel';
import * as getResults from './getResults';
import * as submit from './submit';

/**
 * xAI's Batch API: the run's items go out as one batch at a reduced price, outside the rate
 * limits, and come back within hours. Submit, then Get Results (in a loop through a Wait node, or
 * waiting here), or Cancel.
 */
export class GrokBatch implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Grok Batch',
		name: 'grokBatch',
		icon: { light: 'file:../../icons/grok.svg', dark: 'file:../../icons/grok.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			"Send many items to xAI's Grok as one batch at a reduced price, and collect the replies later",
		defaults: { name: 'Grok Batch' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'xAiGrokApi', required: true, testedBy: 'xAiGrokApiTest' }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Submit',
						value: 'submit',
						action: 'Submit the items as one batch',
						description: 'Upload one chat request per input item as a single batch',
					},
					{
						name: 'Get Results',
						value: 'getResults',
						action: 'Get the results of a batch',
						description:
							"A batch's state, and once it is finished one item per request, in the submitted order",
					},
					{
						name: 'Cancel',
						value: 'cancel',
						action: 'Cancel a batch',
						description: 'Stop the requests of a batch that are still pending',
					},
				],
				default: 'submit',
			},
			{
				displayName: 'Batch ID',
				name: 'batchId',
				type: 'string',
				default: '={{ $json.batchId }}',
				required: true,
				description: 'The ID Submit gave the batch',
				displayOptions: { show: { operation: ['getResults', 'cancel'] } },
			},
			...submit.description,
			...getResults.description,
			...cancel.description,
		],
	};

	methods = {
		listSearch: { searchModels },
		credentialTest: { xAiGrokApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as string;
		const results: INodeExecutionData[] = [];
		let redact: Redact = (text) => text;
		const failed = (caught: unknown, itemIndex: number, paired: number, details?: IDataObject) => {
			const error = toNodeError(this.getNode(), caught, itemIndex, redact);
			if (!this.continueOnFail()) throw error;
			const json = errorOutputJson(error);
			Object.assign(json.error as IDataObject, details);
			results.push({ json, pairedItem: { item: paired } });
		};

		const opened = await openSession(this);
		redact = opened.redact;
		if (!opened.session) {
			// Under "Continue", n8n would pass the input items on as if they had succeeded.
			items.forEach((_, itemIndex) => failed(opened.error, itemIndex, itemIndex));
			return [results];
		}
		const { session } = opened;
		try {
			if (operation === 'submit') {
				const lines: BatchLine[] = [];
				for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
					try {
						lines.push(await submit.buildLine(this, itemIndex));
					} catch (caught) {
						failed(caught, itemIndex, itemIndex);
					}
				}
				if (lines.length > 0) {
					try {
						results.push({
							json: await submit.execute(this, session, lines),
							pairedItem: lines.map(({ itemIndex }) => ({ item: itemIndex })),
						});
					} catch (caught) {
						// Nothing of the batch exists: each item it was to carry fails with the reason.
						lines.forEach(({ itemIndex }) => failed(caught, itemIndex, itemIndex));
					}
				}
				return [results];
			}
			for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
				try {
					if (operation === 'cancel') {
						results.push({
							json: await cancel.execute(this, itemIndex, session),
							pairedItem: { item: itemIndex },
						});
						continue;
					}
					for (const entry of await getResults.execute(this, itemIndex, session)) {
						if ('json' in entry) {
							results.push({ json: entry.json, pairedItem: { item: itemIndex } });
						} else {
							failed(entry.error, entry.itemIndex ?? itemIndex, itemIndex, entry.details);
						}
					}
				} catch (caught) {
					failed(caught, itemIndex, itemIndex);
				}
			}
			return [results];
		} finally {
			session.close();
		}
	}
}
