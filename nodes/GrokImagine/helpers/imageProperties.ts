/** The parameters of Generate Image and Edit Image: the image model and the image Options. */
import type { INodeProperties } from 'n8n-workflow';

import { aspectRatioOption, modelProperty, optionsProperty, resolutionOption } from './properties';

/** The image model picker, as Generate Image and Edit Image show it. */
export function imageModelProperty(operation: 'generateImage' | 'editImage'): INodeProperties {
	return modelProperty(
		operation,
		'searchImageModels',
		'grok-imagine-image',
		"The Grok Imagine image model; the list is xAI's current image models",
	);
}

const numberOfImagesOption: INodeProperties = {
	displayName: 'Number of Images',
	name: 'n',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 10 },
	default: 1,
	description: 'How many images to make from the prompt (1 to 10); each comes out as its own item',
};

/** The values of the options an expression may set to anything, checked before sending. */
export const IMAGE_RESOLUTIONS = ['1k', '2k'];
export const QUALITIES = ['low', 'medium', 'high'];
export const DELIVERIES = ['url', 'b64_json'];

const qualityOption: INodeProperties = {
	displayName: 'Quality',
	name: 'quality',
	type: 'options',
	options: [
		{ name: 'Low', value: 'low' },
		{ name: 'Medium', value: 'medium' },
		{ name: 'High', value: 'high' },
	],
	default: 'medium',
	description:
		'The quality tier: grok-imagine-image-2.0 takes Low or Medium (its price tier, Medium unless set); other models ignore it',
};

const deliveryOption: INodeProperties = {
	displayName: 'Image Delivery',
	name: 'delivery',
	type: 'options',
	options: [
		{
			name: 'Temporary URL',
			value: 'url',
			description:
				"Links on xAI's file host, which the node downloads without the API key; the output keeps the link as 'URL'",
		},
		{
			name: 'Base64 in the Reply',
			value: 'b64_json',
			description:
				"The images inside xAI's answer, as base64 (a third larger); no link in the output",
		},
	],
	default: 'url',
	description: 'How xAI hands over the images',
};

/** The Options of an image operation, with its own Aspect Ratio description. */
export function imageOptionsProperty(
	operation: 'generateImage' | 'editImage',
	aspectRatioDescription: string,
): INodeProperties {
	return optionsProperty(operation, [
		aspectRatioOption('image', aspectRatioDescription),
		deliveryOption,
		numberOfImagesOption,
		qualityOption,
		resolutionOption(IMAGE_RESOLUTIONS, '1k', "The images' resolution"),
	]);
}
