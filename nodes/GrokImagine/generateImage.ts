/** Generate Image: images from a text prompt (POST /v1/images/generations). */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { callSettings } from '../shared/options';
import type { XaiSession } from '../shared/session';
import { optionsProperty, promptProperty } from './description';
import type { ImageOptions } from './images';
import {
	aspectRatioOption,
	deliveryOption,
	imageModelProperty,
	imageRequestFields,
	numberOfImagesOption,
	qualityOption,
	requestImages,
	resolutionOption,
} from './images';
import { readBinaryPropertyName, readModel, readPrompt, toOutputItems } from './media';

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
	const model = readModel(ctx, itemIndex);
	const prompt = readPrompt(ctx, itemIndex);
	const binaryPropertyName = readBinaryPropertyName(ctx, itemIndex);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as ImageOptions;
	const settings = callSettings(options);
	const body = { model, prompt, ...imageRequestFields(options) };
	const files = await requestImages(session, '/images/generations', body, settings);
	return await toOutputItems(ctx, itemIndex, binaryPropertyName, files);
}
