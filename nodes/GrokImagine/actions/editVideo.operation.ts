/**
 * Edit Video: a video changed as the prompt says (POST /v1/videos/edits with the source video's
 * URL, which xAI downloads itself). The result keeps the source's length and shape, at most 720p;
 * xAI takes sources of at most 8.7 seconds.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { ItemExecute } from '../../shared/operation';
import { optionsProperty, promptProperty } from '../helpers/properties';
import { executeFromVideo } from '../helpers/video';
import { videoModelProperty, videoUrlProperty, waitingOptions } from '../helpers/videoProperties';

/** Its parameters, then its Options; the node shows the output field between them. */
export const description: INodeProperties[] = [
	videoModelProperty('editVideo'),
	promptProperty('editVideo', 'What to change, e.g. "Give the dog a red scarf"'),
	videoUrlProperty(
		'editVideo',
		'The URL of the MP4 to edit (at most 8.7 seconds long), which xAI downloads itself; the edited video keeps its length and shape, at most 720p',
	),
	optionsProperty('editVideo', waitingOptions),
];

export const execute: ItemExecute = async (ctx, itemIndex, session) => {
	return await executeFromVideo(ctx, itemIndex, session, '/videos/edits');
};
