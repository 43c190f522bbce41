/** The parameters the Grok Imagine operations show alike, each for its own operation. */
import type { INodeProperties } from 'n8n-workflow';

import {
	concurrencyOption,
	maxRateLimitWaitOption,
	maxRetriesOption,
	optionsCollection,
	timeoutOption,
} from '../../shared/properties';
import type { Operation } from './description';

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
		displayName: 'Input Binary Field',
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

/** The options of how requests are sent (the package's shared ones), in every operation's Options. */
export const callOptions: INodeProperties[] = [
	{
		...concurrencyOption,
		// An item holds its place while its video is made, for minutes: not the 2 s of a chat reply.
		description:
			'How many input items to work on at once; 1 handles them one after another. When xAI answers 429 (rate limited) the node slows down by itself.',
	},
	maxRateLimitWaitOption,
	maxRetriesOption,
	timeoutOption(
		'How long one request or one download may take, in milliseconds (a video is waited for under Max Wait instead)',
	),
	{
		displayName: 'User',
		name: 'user',
		type: 'string',
		default: '',
		description: 'An ID for your end user, which helps xAI detect abuse',
	},
];

/**
 * An operation's Options: its own and the call options, sorted by name as n8n lists them. Extend
 * Video has no User: xAI's extension request has no such field.
 */
export function optionsProperty(operation: Operation, own: INodeProperties[]): INodeProperties {
	const call = callOptions.filter((o) => operation !== 'extendVideo' || o.name !== 'user');
	return {
		...optionsCollection,
		displayOptions: { show: { operation: [operation] } },
		options: [...own, ...call].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/**
 * xAI's aspect ratios (its ImageAspectRatio values), sorted as n8n lists options; videos take
 * those marked.
 */
const ASPECT_RATIOS: Array<[ratio: string, video: boolean]> = [
	['1:1', true],
	['1:2', false],
	['16:9', true],
	['19.5:9', false],
	['2:1', false],
	['2:3', true],
	['20:9', false],
	['3:2', true],
	['3:4', true],
	['4:3', true],
	['9:16', true],
	['9:19.5', false],
	['9:20', false],
];

/** The values of Aspect Ratio for images (Auto last) and for videos, as the option lists them. */
export const IMAGE_ASPECT_RATIOS = [...ASPECT_RATIOS.map(([ratio]) => ratio), 'auto'];
export const VIDEO_ASPECT_RATIOS = ASPECT_RATIOS.filter(([, video]) => video).map(([r]) => r);

/** The Aspect Ratio option: an image's (Auto lets the model choose) or a video's (16:9 unless set). */
export function aspectRatioOption(made: 'image' | 'video', description: string): INodeProperties {
	const options = (made === 'image' ? IMAGE_ASPECT_RATIOS : VIDEO_ASPECT_RATIOS).map((ratio) => ({
		name: ratio === 'auto' ? 'Auto' : ratio,
		value: ratio,
	}));
	const defaultRatio = made === 'image' ? 'auto' : '16:9';
	return {
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		options,
		default: defaultRatio,
		description,
	};
}

/** The Resolution option, its values named as xAI names them. */
export function resolutionOption(
	values: string[],
	defaultValue: string,
	description: string,
): INodeProperties {
	const options = values.map((value) => ({ name: value, value }));
	return {
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		options,
		default: defaultValue,
		description,
	};
}
