import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeMethods, searchImageModels, searchVideoModels } from '../shared/methods';
import { chosenOperation, runOperation } from '../shared/operation';
import type { ItemOperation } from '../shared/operation';
import * as editImage from './actions/editImage.operation';
import * as editVideo from './actions/editVideo.operation';
import * as extendVideo from './actions/extendVideo.operation';
import * as generateImage from './actions/generateImage.operation';
import * as generateVideo from './actions/generateVideo.operation';
import type { Operation } from './helpers/description';
import { nodeProperties, subtitle } from './helpers/description';

const operations: Record<Operation, ItemOperation> = {
	generateImage,
	editImage,
	generateVideo,
	editVideo,
	extendVideo,
};

/** xAI's image and video models (Grok Imagine): each made file comes out as an item with binary data. */
export class GrokImagine implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Grok Imagine',
		name: 'grokImagine',
		icon: { light: 'file:../../icons/grok.svg', dark: 'file:../../icons/grok.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle,
		description: "Generate and edit images and videos with xAI's Grok Imagine models",
		defaults: { name: 'Grok Imagine' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'xAiGrokApi', required: true, testedBy: 'xAiGrokApiTest' }],
		// The operations' parameters come in the order of `operations`, as n8n has always shown them.
		properties: nodeProperties(Object.values(operations).map((operation) => operation.description)),
	};

	methods = nodeMethods({ searchImageModels, searchVideoModels });

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation(this, chosenOperation(this, operations), {
			continueOnFail: this.continueOnFail(),
			input: 'the prompt',
		});
	}
}
