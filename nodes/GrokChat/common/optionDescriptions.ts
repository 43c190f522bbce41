/**
 * The options both versions of Grok Chat offer alike (Grok Batch offers some of them): how the
 * requests are sent, tokens, sampling, response format, streaming and user.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	concurrencyOption,
	maxRateLimitWaitOption,
	maxRetriesOption,
	timeoutOption,
} from '../../shared/properties';

export const commonOptions = {
	concurrency: concurrencyOption,
	includeReasoning: {
		displayName: 'Include Reasoning',
		name: 'includeReasoning',
		type: 'boolean',
		default: true,
		description:
			'Whether to include the reasoning text in the simplified output when the model returns it',
	},
	jsonSchema: {
		displayName: 'JSON Schema',
		name: 'jsonSchema',
		type: 'json',
		default:
			'{\n  "type": "object",\n  "properties": {\n    "answer": { "type": "string" }\n  },\n  "required": ["answer"]\n}',
		description: 'The JSON Schema the reply must follow',
		displayOptions: { show: { responseFormat: ['json_schema'] } },
	},
	maxRetries: maxRetriesOption,
	maxRateLimitWait: maxRateLimitWaitOption,
	maxTokens: {
		displayName: 'Maximum Number of Tokens',
		name: 'maxTokens',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1024,
		description: 'The most tokens the reply may use, reasoning included',
	},
	responseFormat: {
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
	temperature: {
		displayName: 'Sampling Temperature',
		name: 'temperature',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
		default: 0.7,
		description: 'Higher values make the reply more random, lower values more focused (0 to 2)',
	},
	stream: {
		displayName: 'Stream',
		name: 'stream',
		type: 'boolean',
		default: false,
		description:
			'Whether to stream the reply. Under a Chat Trigger or a Webhook with Response Mode "Streaming", the chat or HTTP client then sees the reply word by word as Grok writes it; elsewhere the output item is the same as without streaming.',
	},
	timeout: timeoutOption(
		'How long one reply may take, streamed or not, from sending to its last byte, in milliseconds. Reasoning models can think for minutes, hence the 10-minute default.',
	),
	topP: {
		displayName: 'Top P',
		name: 'topP',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: 1,
		description:
			'Samples only from the most likely tokens whose probabilities add up to this value (0 to 1)',
	},
	user: {
		displayName: 'User',
		name: 'user',
		type: 'string',
		default: '',
		description: 'An ID for your end user, which helps xAI detect abuse',
	},
} satisfies Record<string, INodeProperties>;

/** Conversation ID, where `description` says how the version sends it to xAI. */
export function conversationIdOption(description: string): INodeProperties {
	return {
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		default: '',
		placeholder: 'e.g. ={{ $json.sessionId }}',
		description,
	};
}

/** The Reasoning Effort levels both versions offer. */
export const reasoningLevels = {
	low: { name: 'Low', value: 'low', description: 'Think briefly, answer fast' },
	high: { name: 'High', value: 'high', description: 'Think longer on hard problems' },
} satisfies Record<string, INodePropertyOptions>;

/** Reasoning Effort, with the levels the version's API takes and what it says of them. */
export function reasoningEffortOption(
	levels: INodePropertyOptions[],
	description: string,
): INodeProperties {
	return {
		displayName: 'Reasoning Effort',
		name: 'reasoningEffort',
		type: 'options',
		options: levels,
		default: 'low',
		description,
	};
}

/** The options that shape an output item out of a reply. */
export const outputOptions: INodeProperties[] = [
	commonOptions.includeReasoning,
	commonOptions.jsonSchema,
	commonOptions.responseFormat,
];

/** Reasoning Effort as xAI's Responses API takes it (Grok Chat version 2, Grok Chat Model). */
export const responsesReasoningEffortOption: INodeProperties = reasoningEffortOption(
	[
		{ name: 'Extra High', value: 'xhigh', description: 'Only some models accept it' },
		reasoningLevels.high,
		reasoningLevels.low,
		{ name: 'Medium', value: 'medium' },
		{ name: 'None', value: 'none', description: 'Answer without thinking' },
	],
	"How long a reasoning model thinks before it answers. Models accept different levels; one that does not take the chosen level, or none at all, answers with xAI's message naming it.",
);

/** How xAI schedules a Responses request. */
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
