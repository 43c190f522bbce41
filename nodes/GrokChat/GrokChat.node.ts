import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, updateDisplayOptions } from 'n8n-workflow';

import { nodeMethods, searchModels } from '../shared/methods';
import { runOperation } from '../shared/operation';
import * as v1 from './v1/chat';
import * as v2 from './v2/chat';

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
		properties: [
			...updateDisplayOptions({ show: { '@version': [1] } }, v1.description),
			...updateDisplayOptions({ show: { '@version': [2] } }, v2.description),
		],
	};

	methods = nodeMethods({ searchModels });

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNode().typeVersion >= 2 ? v2 : v1;
		return await runOperation(this, operation, { continueOnFail: this.continueOnFail() });
	}
}
