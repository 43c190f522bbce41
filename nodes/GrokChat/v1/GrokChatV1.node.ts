import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { errorOutputJson, toNodeError } from '../../shared/errors';
import { searchModels, xAiGrokApiTest } from '../../shared/methods';
import { openSession } from '../../shared/nodeSession';
import type { Redact } from '../../shared/redact';
import { forEachItem } from '../../shared/scheduler';
import { executeChat } from './chat';
import { chatProperties } from './description';

/** Version 1, on chat completions: its requests and outputs are what saved workflows rely on. */
export class GrokChatV1 implements INodeType {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = {
			...baseDescription,
			version: 1,
			subtitle:
				'={{ "Chat with " + ($parameter["model"].cachedResultName || $parameter["model"].value || $parameter["model"]) }}',
			defaults: { name: 'Grok Chat' },
			usableAsTool: true,
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'xAiGrokApi', required: true, testedBy: 'xAiGrokApiTest' }],
			properties: chatProperties,
		};
	}

	methods = {
		listSearch: { searchModels },
		credentialTest: { xAiGrokApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const results = new Array<INodeExecutionData>(items.length);
		let redact: Redact = (text) => text;
		const fail = (caught: unknown, itemIndex: number) => {
			const error = toNodeError(this.getNode(), caught, itemIndex, redact);
			if (!this.continueOnFail()) throw error;
			results[itemIndex] = { json: errorOutputJson(error), pairedItem: { item: itemIndex } };
		};

		const opened = await openSession(this);
		redact = opened.redact;
		if (!opened.session) {
			// Under "Continue", n8n would pass the input items on unchanged, as if they had succeeded:
			// a failure before any request (credential, options) fails every item instead.
			items.forEach((_, itemIndex) => fail(opened.error, itemIndex));
			return [results];
		}
		const { session } = opened;
		try {
			await forEachItem(items.length, session.concurrency, async (itemIndex) => {
				try {
					results[itemIndex] = {
						json: await executeChat(this, itemIndex, session),
						pairedItem: { item: itemIndex },
					};
				} catch (caught) {
					fail(caught, itemIndex);
				}
			});
		} finally {
			session.close();
		}
		return [results];
	}
}
