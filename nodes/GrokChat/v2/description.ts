import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { chatProperties } from '../v1/description';

/** Version 1's parameter of that name: what is the same in both versions is written once. */
function v1Property(name: string): INodeProperties {
	const property = chatProperties.find((p) => p.name === name);
	if (!property) throw new Error(`Grok Chat version 1 has no parameter ${name}`);
	return property;
}

export function v1Option(name: string): INodeProperties {
	const option = (v1Property('options').options as INodeProperties[]).find((o) => o.name === name);
	if (!option) throw new Error(`Grok Chat version 1 has no option ${name}`);
	return option;
}

/** Version 1's message fields, less Name (xAI's Responses API has none). */
const v1MessageFields = (
	v1Property('messages').options as INodePropertyCollection[]
)[0].values.filter((field) => field.name !== 'name');

const messageFields: INodeProperties[] = v1MessageFields.map((field) =>
	field.name === 'role'
		? {
				...field,
				options: (field.options as INodePropertyOptions[]).map((role) =>
					role.value === 'developer'
						? { ...role, description: 'Instructions from the developer of the app' }
						: role,
				),
			}
		: field,
);

const webSearchFields: INodeProperties[] = [
	{
		displayName: 'Allowed Domains',
		name: 'allowedDomains',
		type: 'string',
		default: '',
		placeholder: 'e.g. wikipedia.org, arxiv.org',
		description:
			'Search only these domains: at most 5, separated by commas. Cannot be combined with Excluded Domains.',
	},
	{
		displayName: 'Enable Image Understanding',
		name: 'enableImageUnderstanding',
		type: 'boolean',
		default: true,
		description: 'Whether the model may look at the images it finds on web pages',
	},
	{
		displayName: 'Excluded Domains',
		name: 'excludedDomains',
		type: 'string',
		default: '',
		placeholder: 'e.g. example.com',
		description:
			'Never search these domains: at most 5, separated by commas. Cannot be combined with Allowed Domains.',
	},
];

const xSearchFields: INodeProperties[] = [
	{
		displayName: 'Allowed Handles',
		name: 'allowedHandles',
		type: 'string',
		default: '',
		placeholder: 'e.g. @xai, @grok',
		description:
			'Search only posts of these X accounts: at most 10, separated by commas. Cannot be combined with Excluded Handles.',
	},
	{
		displayName: 'Enable Image Understanding',
		name: 'enableImageUnderstanding',
		type: 'boolean',
		default: true,
		description: 'Whether the model may look at the images in posts',
	},
	{
		displayName: 'Enable Video Understanding',
		name: 'enableVideoUnderstanding',
		type: 'boolean',
		default: true,
		description: 'Whether the model may watch the videos in posts',
	},
	{
		displayName: 'Excluded Handles',
		name: 'excludedHandles',
		type: 'string',
		default: '',
		placeholder: 'e.g. @spam_account',
		description:
			'Never search posts of these X accounts: at most 10, separated by commas. Cannot be combined with Allowed Handles.',
	},
	{
		displayName: 'From Date',
		name: 'fromDate',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2025-01-31',
		description: 'Search only posts from this day on (YYYY-MM-DD)',
	},
	{
		displayName: 'To Date',
		name: 'toDate',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2025-12-31',
		description: 'Search only posts up to this day (YYYY-MM-DD)',
	},
];

// xAI retires model IDs: a new node starts empty and the user picks from xAI's live list.
export const modelProperty: INodeProperties = {
	...v1Property('model'),
	default: { mode: 'list', value: '' },
};

export const builtInToolsProperty: INodeProperties = {
	displayName: 'Built-in Tools',
	name: 'builtInTools',
	type: 'collection',
	placeholder: 'Add Tool',
	default: {},
	description:
		'Tools that xAI runs on its side while it answers; each search or code run is billed by xAI besides the tokens',
	options: [
		{
			displayName: 'Code Execution',
			name: 'codeExecution',
			type: 'boolean',
			default: true,
			description: 'Whether the model may write and run Python code to calculate or analyse',
		},
		{
			displayName: 'Web Search',
			name: 'webSearch',
			type: 'collection',
			placeholder: 'Add Setting',
			default: {},
			description:
				'Lets the model search the web and browse pages; the sources come back as citations',
			options: webSearchFields,
		},
		{
			displayName: 'X Search',
			name: 'xSearch',
			type: 'collection',
			placeholder: 'Add Setting',
			default: {},
			description: 'Lets the model search posts on X; the posts come back as citations',
			options: xSearchFields,
		},
	],
};

export const reasoningEffortOption: INodeProperties = {
	displayName: 'Reasoning Effort',
	name: 'reasoningEffort',
	type: 'options',
	options: [
		{ name: 'Extra High', value: 'xhigh', description: 'Only some models accept it' },
		{ name: 'High', value: 'high', description: 'Think longer on hard problems' },
		{ name: 'Low', value: 'low', description: 'Think briefly, answer fast' },
		{ name: 'Medium', value: 'medium' },
		{ name: 'None', value: 'none', description: 'Answer without thinking' },
	],
	default: 'low',
	description:
		"How long a reasoning model thinks before it answers. Models accept different levels; one that does not take the chosen level, or none at all, answers with xAI's message naming it.",
};

export const serviceTierOption: INodeProperties = {
	displayName: 'Service Tier',
	name: 'serviceTier',
	type: 'options',
	options: [
		{ name: 'Default', value: 'default', description: 'Standard processing' },
		{
			name: 'Priority',
			value: 'priority',
			description: 'Faster when xAI is busy, at a higher price per token',
		},
	],
	default: 'default',
	description: 'How xAI schedules the request; the output tells which tier it used',
};

/** Version 2: xAI's Responses API. Names shared with version 1 mean the same. */
export const responsesProperties: INodeProperties[] = [
	modelProperty,
	{
		...v1Property('messagesSource'),
		options: [
			{ name: 'Define Below', value: 'define', description: 'Write the messages in this node' },
			{
				name: 'From JSON',
				value: 'json',
				description: 'Take an array of messages, e.g. a conversation history from earlier nodes',
			},
		],
	},
	{
		...v1Property('messages'),
		options: [{ displayName: 'Message', name: 'values', values: messageFields }],
	},
	{
		...v1Property('messagesJson'),
		description:
			'An array of messages {role, content}, where content is text or an array of parts: text or input_text, output_text, image_url or input_image. Typically an expression that reads the conversation history of an earlier node.',
	},
	builtInToolsProperty,
	{
		...v1Property('simplify'),
		description:
			'Whether to return only the reply, reasoning, finish reason, model, usage, cost, IDs, citations and server-side tool calls instead of the full API response',
	},
	{
		...v1Property('options'),
		options: [
			v1Option('concurrency'),
			{
				displayName: 'Conversation ID',
				name: 'conversationId',
				type: 'string',
				default: '',
				placeholder: 'e.g. ={{ $json.sessionId }}',
				description:
					"Sent as prompt_cache_key: requests with the same ID are routed to the same server, so xAI can reuse the conversation's cached tokens (cheaper, faster)",
			},
			v1Option('includeReasoning'),
			v1Option('jsonSchema'),
			v1Option('maxRetries'),
			v1Option('maxRateLimitWait'),
			v1Option('maxTokens'),
			{
				displayName: 'Previous Response ID',
				name: 'previousResponseId',
				type: 'string',
				default: '',
				placeholder: 'e.g. ={{ $json.responseId }}',
				description:
					'Continue the conversation of an earlier response: xAI adds that response and its history to the messages. The earlier response must have been made with Store Response on.',
			},
			reasoningEffortOption,
			v1Option('responseFormat'),
			v1Option('temperature'),
			serviceTierOption,
			{
				displayName: 'Store Response',
				name: 'store',
				type: 'boolean',
				default: false,
				description:
					'Whether xAI keeps the response (for 30 days), so that a later request can continue it with Previous Response ID. Off, nothing is stored.',
			},
			v1Option('stream'),
			v1Option('timeout'),
			v1Option('topP'),
			v1Option('user'),
		],
	},
];
