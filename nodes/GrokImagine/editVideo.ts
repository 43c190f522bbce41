/**
 * Edit Video: a video changed as the prompt says (POST /v1/videos/edits with the source video's
 * URL, which xAI downloads itself). The result keeps the source's length and shape, at most 720p;
 * xAI takes sources of at most 8.7 seconds.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { XaiSession } from '../shared/session';
import { optionsProperty, promptProperty } from './description';
import { executeFromVideo, videoModelProperty, videoUrlProperty, waitingOptions } from './video';

/** The parameters before the output field. */
export const inputs: INodeProperties[] = [
	videoModelProperty('editVideo'),
	promptProperty('editVideo', 'What to change, e.g. "Give the dog a red scarf"'),
	videoUrlProperty(
		'editVideo',
		'The URL of the MP4 to edit (at most 8.7 seconds long), which xAI downloads itself; the edited video keeps its length and shape, at most 720p',
	),
];

export const options: INodeProperties = optionsProperty('editVideo', waitingOptions);

export async function execute(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
): Promise<INodeExecutionData[]> {
	return await executeFromVideo(ctx, itemIndex, session, '/videos/edits');
}
