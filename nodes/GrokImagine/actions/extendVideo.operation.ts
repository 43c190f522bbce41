/**
 * Extend Video: a video continued from its last frame as the prompt says (POST
 * /v1/videos/extensions with the source video's URL, which xAI downloads itself). The result is
 * the source followed by Duration seconds more (1 to 10), in the source's shape, at most 720p; xAI
 * takes sources of 2 to 30 seconds. Its request has no `user`.
 */
import type { INodeProperties } from 'n8n-workflow';

import { integerOption } from '../../shared/options';
import type { ItemExecute } from '../../shared/operation';
import { optionsProperty, promptProperty } from '../helpers/properties';
import { executeFromVideo } from '../helpers/video';
import { videoModelProperty, videoUrlProperty, waitingOptions } from '../helpers/videoProperties';

/** Its parameters, then its Options; the node shows the output field between them. */
export const description: INodeProperties[] = [
	videoModelProperty('extendVideo'),
	promptProperty('extendVideo', 'What happens next, e.g. "The camera pulls back to show the bay"'),
	videoUrlProperty(
		'extendVideo',
		'The URL of the MP4 to continue (2 to 30 seconds long), which xAI downloads itself; the result is this video followed by the extension',
	),
	optionsProperty('extendVideo', [
		{
			displayName: 'Duration',
			name: 'duration',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 6,
			description: 'Seconds added to the video, 1 to 10 (the result is that much longer)',
		},
		...waitingOptions,
	]),
];

export const execute: ItemExecute = async (ctx, itemIndex, session) => {
	return await executeFromVideo(ctx, itemIndex, session, '/videos/extensions', (options) =>
		options.duration === undefined
			? {}
			: { duration: integerOption(options.duration, 'Duration', 1, 10) },
	);
};
