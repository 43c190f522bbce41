/**
 * The node's own parameters: which operation runs, the output field every operation fills, and the
 * order n8n shows all parameters in.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export type Operation =
	'generateImage' | 'editImage' | 'generateVideo' | 'editVideo' | 'extendVideo';

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Edit Image',
			value: 'editImage',
			action: 'Edit an image from a prompt',
			description: 'Change an image of the input item (or combine several) as the prompt says',
		},
		{
			name: 'Edit Video',
			value: 'editVideo',
			action: 'Edit a video from a prompt',
			description: 'Change a video (given by its URL) as the prompt says',
		},
		{
			name: 'Extend Video',
			value: 'extendVideo',
			action: 'Extend a video from a prompt',
			description: 'Continue a video (given by its URL) from its last frame as the prompt says',
		},
		{
			name: 'Generate Image',
			value: 'generateImage',
			action: 'Generate images from a prompt',
			description: 'Make one or more images from a text prompt',
		},
		{
			name: 'Generate Video',
			value: 'generateVideo',
			action: 'Generate a video from a prompt',
			description: 'Make a short video from a text prompt, optionally starting from an image',
		},
	],
	default: 'generateImage',
};

/** The node's subtitle: the chosen operation's name, e.g. "Generate Image". */
export const subtitle = `={{ (${JSON.stringify(
	Object.fromEntries(
		(operationProperty.options as INodePropertyOptions[]).map(({ name, value }) => [value, name]),
	),
)})[$parameter["operation"]] }}`;

const binaryPropertyNameProperty: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
	description: 'Each image or video comes out as its own item, with the file in this binary field',
};

/**
 * The node's parameters in the order n8n shows them: the operation, each operation's own
 * parameters, the output field they all share, then each operation's Options.
 */
export function nodeProperties(descriptions: INodeProperties[][]): INodeProperties[] {
	const isOptions = (property: INodeProperties) => property.name === 'options';
	return [
		operationProperty,
		...descriptions.flatMap((description) => description.filter((p) => !isOptions(p))),
		binaryPropertyNameProperty,
		...descriptions.flatMap((description) => description.filter(isOptions)),
	];
}
