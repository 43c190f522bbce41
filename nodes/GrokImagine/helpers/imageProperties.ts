/** The parameters of Generate Image and Edit Image: the image model and the image Options. */
import type { INodeProperties } from 'n8n-workflow';

import { modelProperty, optionsProperty } from './properties';

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

const resolutionOption: INodeProperties = {
	displayName: 'Resolution',
	name: 'resolution',
	type: 'options',
	options: [
		{ name: '1k', value: '1k' },
		{ name: '2k', value: '2k' },
	],
	default: '1k',
	description: "The images' resolution",
};

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
	description: 'The quality tier, on models that take one (others ignore it)',
};

function aspectRatioOption(description: string): INodeProperties {
	return {
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		// xAI's ImageAspectRatio values.
		options: [
			{
				name: '1:1',
				value: '1:1',
			},
			{
				name: '1:2',
				value: '1:2',
			},
			{
				name: '16:9',
				value: '16:9',
			},
			{
				name: '19.5:9',
				value: '19.5:9',
			},
			{
				name: '2:1',
				value: '2:1',
			},
			{
				name: '2:3',
				value: '2:3',
			},
			{
				name: '20:9',
				value: '20:9',
			},
			{
				name: '3:2',
				value: '3:2',
			},
			{
				name: '3:4',
				value: '3:4',
			},
			{
				name: '4:3',
				value: '4:3',
			},
			{
				name: '9:16',
				value: '9:16',
			},
			{
				name: '9:19.5',
				value: '9:19.5',
			},
			{
				name: '9:20',
				value: '9:20',
			},
			{
				name: 'Auto',
				value: 'auto',
			},
		],
		default: 'auto',
		description,
	};
}

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
		aspectRatioOption(aspectRatioDescription),
		deliveryOption,
		numberOfImagesOption,
		qualityOption,
		resolutionOption,
	]);
}
