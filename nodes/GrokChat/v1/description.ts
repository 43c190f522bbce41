import type { INodeProperties } from 'n8n-workflow';

import {
	concurrencyOption,
	maxRateLimitWaitOption,
	maxRetriesOption,
	timeoutOption,
} from '../../shared/properties';

/** The Grok Chat node's parameters. Their names are a contract that saved workflows rely on. */
export const chatProperties: INodeProperties[] = [
	{
		displayName: 'Model',
		name: 'model',
		type: 'resourceLocator',
		default: { mode: 'list', value: 'grok-4' },
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
				placeholder: 'e.g. grok-4',
			},
		],
		description: 'The Grok model to use. Models marked "text + image" accept images.',
	},
	{
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
				description:
					'Take an array of chat messages, e.g. a conversation history from earlier nodes',
			},
		],
		default: 'define',
	},
	{
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
								description: 'Sent as a system message: xAI has no developer role',
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
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description:
							'Optional name of the participant, to tell several users apart. xAI accepts it on user messages only.',
						displayOptions: { show: { role: ['user'] } },
					},
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
	},
	{
		displayName: 'Messages (JSON)',
		name: 'messagesJson',
		type: 'json',
		default: '[\n  {\n    "role": "user",\n    "content": "Hello Grok"\n  }\n]',
		description:
			'An array of chat messages in OpenAI format: {role, content}, where content is text or an array of text and image_url parts. Typically an expression that reads the conversation history of an earlier node.',
		hint: 'For example {{ $json.history }}',
		displayOptions: { show: { messagesSource: ['json'] } },
	},
	{
		displayName: 'Simplify Output',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return only the reply, reasoning, finish reason, model, usage and ID instead of the full API response',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			concurrencyOption,
			{
				displayName: 'Conversation ID',
				name: 'conversationId',
				type: 'string',
				default: '',
				placeholder: 'e.g. ={{ $json.sessionId }}',
				description:
					"Sent in the X-Grok-Conv-ID header: requests with the same ID go to the same server, so xAI can reuse the conversation's cached tokens (cheaper, faster)",
			},
			{
				displayName: 'Frequency Penalty',
				name: 'frequencyPenalty',
				type: 'number',
				typeOptions: { minValue: -2, maxValue: 2, numberPrecision: 2 },
				default: 0,
				description:
					'Penalizes tokens by how often they already appeared (-2 to 2). Some models, such as reasoning models, reject it.',
			},
			{
				displayName: 'Include Reasoning',
				name: 'includeReasoning',
				type: 'boolean',
				default: true,
				description:
					'Whether to include the reasoning text in the simplified output when the model returns it',
			},
			{
				displayName: 'JSON Schema',
				name: 'jsonSchema',
				type: 'json',
				default:
					'{\n  "type": "object",\n  "properties": {\n    "answer": { "type": "string" }\n  },\n  "required": ["answer"]\n}',
				description: 'The JSON Schema the reply must follow',
				displayOptions: { show: { responseFormat: ['json_schema'] } },
			},
			maxRetriesOption,
			maxRateLimitWaitOption,
			{
				displayName: 'Maximum Number of Tokens',
				name: 'maxTokens',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1024,
				description: 'The most tokens the reply may use, reasoning included',
			},
			{
				displayName: 'Presence Penalty',
				name: 'presencePenalty',
				type: 'number',
				typeOptions: { minValue: -2, maxValue: 2, numberPrecision: 2 },
				default: 0,
				description:
					'Penalizes tokens that already appeared, to steer towards new topics (-2 to 2). Some models, such as reasoning models, reject it.',
			},
			{
				displayName: 'Reasoning Effort',
				name: 'reasoningEffort',
				type: 'options',
				options: [
					{ name: 'Low', value: 'low', description: 'Think briefly, answer fast' },
					{ name: 'High', value: 'high', description: 'Think longer on hard problems' },
				],
				default: 'low',
				description:
					'How long a reasoning model thinks before it answers. Only models that support it (e.g. grok-3-mini) accept it.',
			},
			{
				displayName: 'Response Format',
				name: 'responseFormat',
				type: 'options',
				options: [
					{ name: 'Text', value: 'text' },
					{
						name: 'JSON Object',
						value: 'json_object',
						description: 'The reply is a JSON object, returned parsed',
					},
					{
						name: 'JSON Schema',
						value: 'json_schema',
						description: 'The reply follows the JSON Schema below, returned parsed',
					},
				],
				default: 'text',
			},
			{
				displayName: 'Sampling Temperature',
				name: 'temperature',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
				default: 0.7,
				description: 'Higher values make the reply more random, lower values more focused (0 to 2)',
			},
			{
				displayName: 'Seed',
				name: 'seed',
				type: 'number',
				default: 0,
				description:
					'Asks for repeatable replies: the same seed and parameters give the same reply as far as possible',
			},
			{
				displayName: 'Stop Sequence',
				name: 'stop',
				type: 'string',
				default: '',
				description:
					'Text at which the model stops writing; an expression giving an array sets up to 4. Some models reject it.',
			},
			{
				displayName: 'Stream',
				name: 'stream',
				type: 'boolean',
				default: false,
				description:
					'Whether to stream the reply. Under a Chat Trigger or a Webhook with Response Mode "Streaming", the chat or HTTP client then sees the reply word by word as Grok writes it; elsewhere the output item is the same as without streaming.',
			},
			timeoutOption(
				'How long one reply may take, streamed or not, from sending to its last byte, in milliseconds. Reasoning models can think for minutes, hence the 10-minute default.',
			),
			{
				displayName: 'Top P',
				name: 'topP',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 1,
				description:
					'Samples only from the most likely tokens whose probabilities add up to this value (0 to 1)',
			},
			{
				displayName: 'User',
				name: 'user',
				type: 'string',
				default: '',
				description: 'An ID for your end user, which helps xAI detect abuse',
			},
		],
	},
];
