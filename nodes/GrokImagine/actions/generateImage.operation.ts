/** Generate Image: images from a text prompt (POST /v1/images/generations). */
import type { INodeProperties } from 'n8n-workflow';

import type { ItemExecute } from '../../shared/operation';
import { promptProperty } from '../helpers/properties';
import { imageModelProperty, imageOptionsProperty } from '../helpers/imageProperties';
import { executeImageRequest } from '../helpers/images';

/** Its parameters, then its Options; the node shows the output field between them. */
export const description: INodeProperties[] = [
	imageModelProperty('generateImage'),
	promptProperty('generateImage', 'What the images should show'),
	imageOptionsProperty(
		'generateImage',
		'The shape of the images; Auto lets the model choose for the prompt',
	),
];

export const execute: ItemExecute = async (ctx, itemIndex, session) => {
	return await executeImageRequest(ctx, itemIndex, session, '/images/generations');
};
