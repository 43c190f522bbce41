import type {
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
import { forEachItem } from '../shared/scheduler';
import { executeChat } from './v1/chat';
import { chatProperties } from './v1/description';
import { executeResponse } from './v2/chat';
import { responsesProperties } from './v2/description';
import { forVersions } from '../shared/versions';

/**
 * Version 1 sends chat completions; its requests and outputs are what saved workflows rely on, so
 * they never change. The editor shows each version its own parameters.
 */
export class GrokChat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Grok Chat',
		name: 'grokChat',
		icon: { light: 'file:../../icons/grok.svg', dark: 'file:../../icons/grok.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle:
			'={{ "Chat with " + ($parameter["model"].cachedResultName || $parameter["model"].value || $parameter["model"]) }}',
		description: "Chat with xAI's Grok models: text, images, streaming and structured output",
		defaults: { name: 'Grok Chat' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'xAiGrokApi', required: true, testedBy: 'xAiGrokApiTest' }],
		properties: [...forVersions([1], chatProperties), ...forVersions([2], responsesProperties)],
	};

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
		const execute = this.getNode().typeVersion >= 2 ? executeResponse : executeChat;
		try {
			await forEachItem(items.length, session.concurrency, async (itemIndex) => {
				try {
					results[itemIndex] = {
						json: await execute(this, itemIndex, session),
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
