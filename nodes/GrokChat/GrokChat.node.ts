import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeChat, openSession } from './chat';
import { chatProperties } from './description';
import { errorOutputJson, toNodeError } from './errors';
import { xAiGrokApiTest } from './methods/credentialTest';
import { searchModels } from './methods/listSearch';
import { forEachItem } from './scheduler';

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
		const results = new Array<INodeExecutionData>(items.length);
		const fail = (caught: unknown, itemIndex: number) => {
			const error = toNodeError(this.getNode(), caught, itemIndex);
			if (!this.continueOnFail()) throw error;
			results[itemIndex] = { json: errorOutputJson(error), pairedItem: { item: itemIndex } };
		};

		let session: Awaited<ReturnType<typeof openSession>>;
		try {
			session = await openSession(this);
		} catch (caught) {
			// Under "Continue", n8n would pass the input items on unchanged, as if they had succeeded:
			// a failure before any request (credential, options) fails every item instead.
			items.forEach((_, itemIndex) => fail(caught, itemIndex));
			return [results];
		}
		const { client, scheduler, concurrency } = session;
		await forEachItem(items.length, concurrency, async (itemIndex) => {
			try {
				results[itemIndex] = {
					json: await executeChat(this, itemIndex, client, scheduler),
					pairedItem: { item: itemIndex },
				};
			} catch (caught) {
				fail(caught, itemIndex);
			}
		});
		return [results];
	}
}
