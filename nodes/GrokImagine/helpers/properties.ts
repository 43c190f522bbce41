/** The parameters the Grok Imagine operations show alike, each for its own operation. */
import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from '../../shared/options';
import { DEFAULT_MAX_RATE_LIMIT_WAIT_MS } from '../../shared/scheduler';
import type { Operation } from './description';

const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = DEFAULT_MAX_RATE_LIMIT_WAIT_MS / 1000;

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
