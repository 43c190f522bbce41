/** The parameters every Grok Imagine operation shows, and the ones each shows alike. */
import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from '../../shared/options';
import { DEFAULT_MAX_RATE_LIMIT_WAIT_MS } from '../../shared/scheduler';

const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = DEFAULT_MAX_RATE_LIMIT_WAIT_MS / 1000;

export type Operation =
	'generateImage' | 'editImage' | 'generateVideo' | 'editVideo' | 'extendVideo';

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Edit Image',
			value: 'editImage',
			action: 'Edit an image from a prompt',
			description: 'Change an image of the input item (or combine several) as the prompt says',
		},
		{
			name: 'Edit Video',
			value: 'editVideo',
			action: 'Edit a video from a prompt',
			description: 'Change a video (given by its URL) as the prompt says',
		},
		{
			name: 'Extend Video',
			value: 'extendVideo',
			action: 'Extend a video from a prompt',
			description: 'Continue a video (given by its URL) from its last frame as the prompt says',
		},
		{
			name: 'Generate Image',
			value: 'generateImage',
			action: 'Generate images from a prompt',
			description: 'Make one or more images from a text prompt',
		},
		{
			name: 'Generate Video',
			value: 'generateVideo',
			action: 'Generate a video from a prompt',
			description: 'Make a short video from a text prompt, optionally starting from an image',
		},
	],
	default: 'generateImage',
};

/** The model picker of some operations: xAI's live list of image or video models, or an ID. */
export function modelProperty(
	operation: Operation,
	searchListMethod: string,
	defaultModel: string,
	description: string,
): INodeProperties {
	return {
		displayName: 'Model',
		name: 'model',
		type: 'resourceLocator',
		default: { mode: 'list', value: defaultModel },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{ displayName: 'ID', name: 'id', type: 'string', placeholder: `e.g. ${defaultModel}` },
		],
		description,
		displayOptions: { show: { operation: [operation] } },
	};
}

export function promptProperty(operation: Operation, description: string): INodeProperties {
	return {
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: operation !== 'generateVideo',
		placeholder: 'e.g. A red fox in fresh snow, morning light, photo',
		description,
		displayOptions: { show: { operation: [operation] } },
	};
}

/** Where the input item's image is: the image to edit, or the first frame of a video. */
export function imageBinaryPropertyProperty(
	show: NonNullable<INodeProperties['displayOptions']>['show'],
	description: string,
): INodeProperties {
	return {
		displayName: 'Input Image Binary Field',
		name: 'imageBinaryProperty',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data',
		hint: 'The name of the input binary field holding the image (JPG or PNG)',
		description,
		displayOptions: { show },
	};
}

const binaryPropertyNameProperty: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
	description: 'Each image or video comes out as its own item, with the file in this binary field',
};

/** The options of how requests are sent, in every operation's Options. */
export const callOptions: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 64 },
		default: DEFAULT_CONCURRENCY,
		description:
			'How many input items to work on at once; 1 handles them one after another. When xAI answers 429 (rate limited) the node slows down by itself.',
	},
	{
		displayName: 'Max Rate-Limit Wait',
		name: 'maxRateLimitWait',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 3600 },
		default: DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
		description:
			'Seconds the execution may keep waiting while xAI answers every request with 429. After that, the items still waiting fail.',
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: DEFAULT_MAX_RETRIES,
		description:
			'How often to retry a request or download that failed on a rate limit (429, waiting as xAI asks), a server error (5xx, 408, 409) or a lost connection',
	},
	{
		displayName: 'Timeout',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1000 },
		default: DEFAULT_TIMEOUT_MS,
		description:
			'How long one request or one download may take, in milliseconds (a video is waited for under Max Wait instead)',
	},
	{
		displayName: 'User',
		name: 'user',
		type: 'string',
		default: '',
		description: 'An ID for your end user, which helps xAI detect abuse',
	},
];

/** An operation's Options: its own and the call options, sorted by name as n8n lists them. */
export function optionsProperty(operation: Operation, own: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { operation: [operation] } },
		options: [...own, ...callOptions].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/**
 * The node's parameters in the order n8n shows them: the operation, each operation's own
 * parameters, the output field they all share, then each operation's Options.
 */
export function nodeProperties(descriptions: INodeProperties[][]): INodeProperties[] {
	const isOptions = (property: INodeProperties) => property.name === 'options';
	return [
		operationProperty,
		...descriptions.flatMap((description) => description.filter((p) => !isOptions(p))),
		binaryPropertyNameProperty,
		...descriptions.flatMap((description) => description.filter(isOptions)),
	];
}
