import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeChat } from './chat';
import { CREDENTIAL_TYPE } from './credential';
import { chatProperties } from './description';
import { errorOutputJson, toNodeError } from './errors';
import { xAiGrokApiTest } from './methods/credentialTest';
import { searchModels } from './methods/listSearch';
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
		const client = createXaiClient(
			await this.getCredentials<XaiCredentials & Record<string, string>>(CREDENTIAL_TYPE),
		);
		const returnData: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const pairedItem = { item: itemIndex };
			try {
				returnData.push({ json: await executeChat(this, itemIndex, client), pairedItem });
			} catch (caught) {
				const error = toNodeError(this.getNode(), caught, itemIndex);
				if (!this.continueOnFail()) throw error;
				returnData.push({ json: errorOutputJson(error), pairedItem });
			}
		}
		return [returnData];
	}
}
