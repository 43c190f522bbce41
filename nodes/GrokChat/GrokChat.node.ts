import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { executeChat } from './chat';
import { chatProperties, DEFAULT_CONCURRENCY } from './description';
import { errorOutputJson, toNodeError } from './errors';
import { xAiGrokApiTest } from './methods/credentialTest';
import { searchModels } from './methods/listSearch';
import { forEachItem, RequestScheduler } from './scheduler';
import type { XaiCredentials } from './transport';
import { createXaiClient } from './transport';

export class GrokChat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Grok Chat',
		name: 'grokChat',
		icon: { light: 'file:../../icons/grok.svg', dark: 'file:../../icons/grok.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ "Chat with " + ($parameter["model"].cachedResultName || $parameter["model"].value || $parameter["model"]) }}',
		description: "Chat with xAI's Grok models: text, images, streaming and structured output",
		defaults: { name: 'Grok Chat' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'xAiGrokApi', required: true, testedBy: 'xAiGrokApiTest' }],
		properties: chatProperties,
	};

	methods = {
		listSearch: { searchModels },
		credentialTest: { xAiGrokApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const credentials = await this.getCredentials<XaiCredentials & IDataObject>('xAiGrokApi');
		const client = createXaiClient(credentials);
		const concurrency = this.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY);
		if (!Number.isInteger(concurrency) || (concurrency as number) < 1) {
			throw new NodeOperationError(
				this.getNode(),
				`Options › Concurrency: ${String(concurrency)} is not a whole number of at least 1`,
			);
		}
		const scheduler = new RequestScheduler({
			concurrency: concurrency as number,
			signal: this.getExecutionCancelSignal?.(),
		});

		const results = new Array<INodeExecutionData>(items.length);
		await forEachItem(items.length, concurrency as number, async (itemIndex) => {
			const pairedItem = { item: itemIndex };
			try {
				results[itemIndex] = {
					json: await executeChat(this, itemIndex, client, scheduler),
					pairedItem,
				};
			} catch (caught) {
				const error = toNodeError(this.getNode(), caught, itemIndex);
				if (!this.continueOnFail()) throw error;
				results[itemIndex] = { json: errorOutputJson(error), pairedItem };
			}
		});
		return [results];
	}
}
