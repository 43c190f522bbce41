import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchImageModels, searchVideoModels, xAiGrokApiTest } from '../shared/methods';
import { runOperation } from '../shared/operation';
import type { ItemOperation } from '../shared/operation';
import type { Operation } from './description';
import { binaryPropertyNameProperty, operationProperty } from './description';
import * as editImage from './editImage';
import * as editVideo from './editVideo';
import * as extendVideo from './extendVideo';
import * as generateImage from './generateImage';
import * as generateVideo from './generateVideo';

const operations: Record<Operation, ItemOperation['execute']> = {
	generateImage: generateImage.execute,
	editImage: editImage.execute,
	generateVideo: generateVideo.execute,
	editVideo: editVideo.execute,
	extendVideo: extendVideo.execute,
};

/** xAI's image and video models (Grok Imagine): each made file comes out as an item with binary data. */
export class GrokImagine implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Grok Imagine',
		name: 'grokImagine',
		icon: { light: 'file:../../icons/grok.svg', dark: 'file:../../icons/grok.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description: "Generate and edit images and videos with xAI's Grok Imagine models",
		defaults: { name: 'Grok Imagine' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'xAiGrokApi', required: true, testedBy: 'xAiGrokApiTest' }],
		properties: [
			operationProperty,
			...generateImage.inputs,
			...editImage.inputs,
			...generateVideo.inputs,
			...editVideo.inputs,
			...extendVideo.inputs,
			binaryPropertyNameProperty,
			generateImage.options,
			editImage.options,
			generateVideo.options,
			editVideo.options,
			extendVideo.options,
		],
	};

	methods = {
		listSearch: { searchImageModels, searchVideoModels },
		credentialTest: { xAiGrokApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as Operation;
		return await runOperation(
			this,
			{ description: [], execute: operations[operation] },
			{ continueOnFail: this.continueOnFail(), input: 'the prompt' },
		);
	}
}
