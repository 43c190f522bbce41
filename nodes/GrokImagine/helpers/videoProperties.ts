/** The parameters of the video operations: the video model, the Video URL, Max Wait, Poll Interval. */
import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from './description';
import { modelProperty } from './properties';

export const DEFAULT_POLL_INTERVAL_SECONDS = 5;
export const DEFAULT_MAX_WAIT_SECONDS = 600;
export const MAX_WAIT_LIMIT_SECONDS = 6 * 3600;

export const videoModelProperty = (operation: Operation) =>
	modelProperty(
		operation,
		'searchVideoModels',
		'grok-imagine-video',
		"The Grok Imagine video model; the list is xAI's current video models",
	);

/** The video an edit or extension starts from: a URL xAI fetches itself. */
export function videoUrlProperty(operation: Operation, description: string): INodeProperties {
	return {
		displayName: 'Video URL',
		name: 'videoUrl',
		type: 'string',
		default: '={{ $json.url }}',
		required: true,
		placeholder: 'e.g. https://example.com/clip.mp4',
		hint: 'An MP4 that xAI can download; the url of a Generate Video item works while it lasts',
		description,
		displayOptions: { show: { operation: [operation] } },
	};
}

/** Max Wait and Poll Interval, in every video operation's Options. */
export const waitingOptions: INodeProperties[] = [
	{
		displayName: 'Max Wait (Seconds)',
		name: 'maxWait',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_WAIT_LIMIT_SECONDS },
		default: DEFAULT_MAX_WAIT_SECONDS,
		description:
			'Seconds to wait for the video before the item fails; xAI usually needs one to several minutes',
	},
	{
		displayName: 'Poll Interval',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 0.1, maxValue: 600, numberPrecision: 1 },
		default: DEFAULT_POLL_INTERVAL_SECONDS,
		description: 'Seconds between two questions to xAI whether the video is ready',
	},
];
