import type { INodeProperties } from 'n8n-workflow';

import {
	messagesJsonProperty,
	messagesProperty,
	messagesSourceProperty,
	modelProperty,
	optionsProperty,
	simplifyProperty,
} from '../common/descriptions';
import {
	commonOptions,
	conversationIdOption,
	reasoningEffortOption,
	reasoningLevels,
} from '../common/optionDescriptions';

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

/** Version 2: xAI's Responses API. Names shared with version 1 mean the same. */
export const description: INodeProperties[] = [
	// xAI retires model IDs: a new node starts empty and the user picks from xAI's live list.
	{ ...modelProperty, default: { mode: 'list', value: '' } },
	messagesSourceProperty(
		'Take an array of messages, e.g. a conversation history from earlier nodes',
	),
	messagesProperty({ developer: 'Instructions from the developer of the app', name: false }),
	{
		...messagesJsonProperty,
		description:
			'An array of messages {role, content}, where content is text or an array of parts: text or input_text, output_text, image_url or input_image. Typically an expression that reads the conversation history of an earlier node.',
	},
	{
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
	},
	{
		...simplifyProperty,
		description:
			'Whether to return only the reply, reasoning, finish reason, model, usage, cost, IDs, citations and server-side tool calls instead of the full API response',
	},
	{
		...optionsProperty,
		options: [
			commonOptions.concurrency,
			conversationIdOption(
				"Sent as prompt_cache_key: requests with the same ID are routed to the same server, so xAI can reuse the conversation's cached tokens (cheaper, faster)",
			),
			commonOptions.includeReasoning,
			commonOptions.jsonSchema,
			commonOptions.maxRetries,
			commonOptions.maxRateLimitWait,
			commonOptions.maxTokens,
			{
				displayName: 'Previous Response ID',
				name: 'previousResponseId',
				type: 'string',
				default: '',
				placeholder: 'e.g. ={{ $json.responseId }}',
				description:
					'Continue the conversation of an earlier response: xAI adds that response and its history to the messages. The earlier response must have been made with Store Response on.',
			},
			reasoningEffortOption(
				[
					{ name: 'Extra High', value: 'xhigh', description: 'Only some models accept it' },
					reasoningLevels.high,
					reasoningLevels.low,
					{ name: 'Medium', value: 'medium' },
					{ name: 'None', value: 'none', description: 'Answer without thinking' },
				],
				"How long a reasoning model thinks before it answers. Models accept different levels; one that does not take the chosen level, or none at all, answers with xAI's message naming it.",
			),
			commonOptions.responseFormat,
			commonOptions.temperature,
			{
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
			},
			{
				displayName: 'Store Response',
				name: 'store',
				type: 'boolean',
				default: false,
				description:
					'Whether xAI keeps the response (for 30 days), so that a later request can continue it with Previous Response ID. Off, nothing is stored.',
			},
			commonOptions.stream,
			commonOptions.timeout,
			commonOptions.topP,
			commonOptions.user,
		],
	},
];
