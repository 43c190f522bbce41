import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { errorOutputJson, toNodeError } from '../shared/errors';
import { searchImageModels, searchVideoModels, xAiGrokApiTest } from '../shared/methods';
import { openSession } from '../shared/nodeSession';
import type { Redact } from '../shared/redact';
import { forEachItem } from '../shared/scheduler';
import type { XaiSession } from '../shared/session';
import type { Operation } from './description';
import { binaryPropertyNameProperty, operationProperty } from './description';
import * as editImage from './editImage';
import * as editVideo from './editVideo';
import * as extendVideo from './extendVideo';
import * as generateImage from './generateImage';
import * as generateVideo from './generateVideo';

const operations: Record<
	Operation,
	(ctx: IExecuteFunctions, itemIndex: number, session: XaiSession) => Promise<INodeExecutionData[]>
> = {
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
		const items = this.getInputData();
		// One input item may give several output items (images), kept in input order.
		const results: INodeExecutionData[][] = items.map(() => []);
		let redact: Redact = (text) => text;
		const fail = (caught: unknown, itemIndex: number) => {
			const error = toNodeError(this.getNode(), caught, itemIndex, redact, 'the prompt');
			if (!this.continueOnFail()) throw error;
			results[itemIndex] = [{ json: errorOutputJson(error), pairedItem: { item: itemIndex } }];
		};

		const opened = await openSession(this);
		redact = opened.redact;
		if (!opened.session) {
			// Under "Continue", n8n would pass the input items on unchanged, as if they had succeeded:
			// a failure before any request (credential, options) fails every item instead.
			items.forEach((_, itemIndex) => fail(opened.error, itemIndex));
			return [results.flat()];
		}
		const { session } = opened;
		try {
			await forEachItem(items.length, session.concurrency, async (itemIndex) => {
				try {
					const operation = this.getNodeParameter('operation', itemIndex) as Operation;
					results[itemIndex] = await operations[operation](this, itemIndex, session);
				} catch (caught) {
					fail(caught, itemIndex);
				}
			});
		} finally {
			session.close();
		}
		return [results.flat()];
	}
}
