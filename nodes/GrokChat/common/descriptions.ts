/**
 * The parameters both versions of Grok Chat show, and Grok Batch with them: the Model, the
 * messages, Simplify Output and the Options collection. Their names are a contract that saved
 * workflows rely on.
 */
import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../shared/properties';

/**
 * Version 1's and Grok Batch's Model. Its default is load-bearing: n8n saves no parameter that
 * equals its default, so a node that never changed the Model runs on whatever the default is now.
 * It was `grok-4`, retired on 2026-05-15 and answered by xAI with grok-4.3; it is grok-4.3 so those
 * nodes send what answered them anyway. Change it only to the model xAI answers this one with.
 */
export const modelProperty: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'resourceLocator',
	default: { mode: 'list', value: 'grok-4.3' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchModels', searchable: true },
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. grok-4.3',
		},
	],
	description: 'The Grok model to use. Models marked "text + image" accept images.',
};

/** xAI retires model IDs: a new node starts empty and the user picks from xAI's live list. */
export const emptyModelProperty: INodeProperties = {
	...modelProperty,
	default: { mode: 'list', value: '' },
};

/** Messages Source, where From JSON says what the version takes. */
export function messagesSourceProperty(fromJsonDescription: string): INodeProperties {
	return {
		displayName: 'Messages Source',
		name: 'messagesSource',
		type: 'options',
		options: [
			{
				name: 'Define Below',
				value: 'define',
				description: 'Write the messages in this node',
			},
			{
				name: 'From JSON',
				value: 'json',
				description: fromJsonDescription,
			},
		],
		default: 'define',
	};
}

/** A message's Name: xAI takes it on user messages, in chat completions and Responses alike. */
const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	description:
		'Optional name of the participant, to tell several users apart. xAI accepts it on user messages only.',
	displayOptions: { show: { role: ['user'] } },
};

/** The Messages collection. `developer` says what the version does with a developer message. */
export function messagesProperty(version: { developer: string }): INodeProperties {
	return {
		displayName: 'Messages',
		name: 'messages',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Message',
		default: { values: [{ role: 'user', content: '' }] },
		displayOptions: { show: { messagesSource: ['define'] } },
		options: [
			{
				displayName: 'Message',
				name: 'values',
				values: [
					{
						displayName: 'Role',
						name: 'role',
						type: 'options',
						options: [
							{ name: 'System', value: 'system', description: 'Instructions that steer the model' },
							{
								name: 'Developer',
								value: 'developer',
								description: version.developer,
							},
							{ name: 'User', value: 'user', description: 'What the user says or asks' },
							{
								name: 'Assistant',
								value: 'assistant',
								description: 'An earlier reply of the model, to continue a conversation',
							},
						],
						default: 'user',
					},
					{
						displayName: 'Text',
						name: 'content',
						type: 'string',
						typeOptions: { rows: 4 },
						default: '',
						placeholder: 'e.g. Summarize this support ticket in one sentence',
					},
					nameField,
					{
						displayName: 'Image URLs',
						name: 'imageUrls',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://example.com/photo.jpg',
						description:
							'Images to send with a user message: https URLs or data:image/...;base64 URLs (JPG or PNG, at most 20 MiB each), one per line (a comma also separates them where the next URL starts with https:// or data:), or an expression giving an array',
						displayOptions: { show: { role: ['user'] } },
					},
					{
						displayName: 'Images From Binary Properties',
						name: 'binaryProperties',
						type: 'string',
						default: '',
						placeholder: 'e.g. data, photo',
						description:
							"Names of the input item's binary properties to send as images (JPG or PNG, at most 20 MiB each), separated by commas",
						displayOptions: { show: { role: ['user'] } },
					},
					{
						displayName: 'Image Detail',
						name: 'imageDetail',
						type: 'options',
						options: [
							{ name: 'Auto', value: 'auto' },
							{ name: 'Low', value: 'low', description: 'Faster and cheaper' },
							{ name: 'High', value: 'high', description: 'Reads fine detail' },
						],
						default: 'auto',
						description: 'How closely the model looks at the images of this message',
						displayOptions: { show: { role: ['user'] } },
					},
				],
			},
		],
	};
}

export const messagesJsonProperty: INodeProperties = {
	displayName: 'Messages (JSON)',
	name: 'messagesJson',
	type: 'json',
	default: '[\n  {\n    "role": "user",\n    "content": "Hello Grok"\n  }\n]',
	description:
		'An array of chat messages in OpenAI format: {role, content}, where content is text or an array of text and image_url parts. Typically an expression that reads the conversation history of an earlier node.',
	hint: 'For example {{ $json.history }}',
	displayOptions: { show: { messagesSource: ['json'] } },
};

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify Output',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return only the reply, reasoning, finish reason, model, usage and ID instead of the full API response',
};

/** The Options collection, which each user gives its `options`. */
export const optionsProperty: INodeProperties = { ...optionsCollection, options: [] };
