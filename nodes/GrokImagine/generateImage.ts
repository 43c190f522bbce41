/** Generate Image: images from a text prompt (POST /v1/images/generations). */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { XaiSession } from '../shared/session';
import { optionsProperty, promptProperty } from './description';
import {
	aspectRatioOption,
	deliveryOption,
	imageModelProperty,
	executeImageRequest,
	numberOfImagesOption,
	qualityOption,
	resolutionOption,
} from './images';

/** The parameters before the output field. */
export const inputs: INodeProperties[] = [
	imageModelProperty('generateImage'),
	promptProperty('generateImage', 'What the images should show'),
];

export const options: INodeProperties = optionsProperty('generateImage', [
	aspectRatioOption('The shape of the images; Auto lets the model choose for the prompt'),
	deliveryOption,
	numberOfImagesOption,
	qualityOption,
	resolutionOption,
]);

export async function execute(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
): Promise<INodeExecutionData[]> {
	return await executeImageRequest(ctx, itemIndex, session, '/images/generations');
}
