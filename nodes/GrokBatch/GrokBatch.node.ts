import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeMethods, searchModels } from '../shared/methods';
import { chosenOperation, runOperation } from '../shared/operation';
import { description, operations, subtitle } from './actions';

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
		subtitle,
		description:
			"Send many items to xAI's Grok as one batch at a reduced price, and collect the replies later",
		defaults: { name: 'Grok Batch' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'xAiGrokApi', required: true, testedBy: 'xAiGrokApiTest' }],
		properties: description,
	};

	methods = nodeMethods({ searchModels });

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// One batch at a time: each item's requests are few and slow.
		return await runOperation(this, chosenOperation(this, operations), {
			continueOnFail: this.continueOnFail(),
			concurrency: 1,
		});
	}
}
