/* eslint-disable n8n-nodes-base/node-dirname-against-convention -- the package files each node under its display name (nodes/GrokChatModel); the type lmChatGrok follows n8n's chat-model names */
import type {
	INodeType,
	INodeTypeDescription,
	ISupplyDataFunctions,
	SupplyData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchModels, xAiGrokApiTest } from '../shared/methods';
import { modelProperties } from './description';
import { loadModelSupplier } from './sdk';

/**
 * Grok as the model of n8n 2.x's AI Agent and chains. Nothing here needs n8n's AI node SDK: the
 * supplier that does is loaded only when the model is asked for, so n8n 1.x (which has no SDK)
 * loads the package and runs its other nodes.
 */
export class LmChatGrok implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Grok Chat Model',
		name: 'lmChatGrok',
		icon: { light: 'file:../../icons/grok.svg', dark: 'file:../../icons/grok.dark.svg' },
		group: ['transform'],
		version: [1],
		subtitle:
			'={{ $parameter["model"].cachedResultName || $parameter["model"].value || $parameter["model"] }}',
		description: "xAI's Grok as the model of an AI Agent or chain, with live web and X search",
		defaults: { name: 'Grok Chat Model' },
		inputs: [],
		outputs: [NodeConnectionTypes.AiLanguageModel],
		outputNames: ['Model'],
		credentials: [{ name: 'xAiGrokApi', required: true, testedBy: 'xAiGrokApiTest' }],
		properties: modelProperties,
	};

	methods = {
		listSearch: { searchModels },
		credentialTest: { xAiGrokApiTest },
	};

	async supplyData(this: ISupplyDataFunctions, itemIndex: number): Promise<SupplyData> {
		const { supplyGrokModel } = await loadModelSupplier(this.getNode());
		return await supplyGrokModel(this, itemIndex);
	}
}
