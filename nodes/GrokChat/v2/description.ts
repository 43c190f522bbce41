import type { INodeProperties } from 'n8n-workflow';

import { builtInToolsProperty } from '../../shared/xai/responses/builtInToolsProperty';
import {
	messagesJsonProperty,
	messagesProperty,
	messagesSourceProperty,
	emptyModelProperty,
	optionsProperty,
	simplifyProperty,
} from '../common/descriptions';
import {
	commonOptions,
	conversationIdOption,
	responsesReasoningEffortOption,
	serviceTierOption,
} from '../common/optionDescriptions';

/** Version 2: xAI's Responses API. Names shared with version 1 mean the same. */
export const description: INodeProperties[] = [
	emptyModelProperty,
	messagesSourceProperty(
		'Take an array of messages, e.g. a conversation history from earlier nodes',
	),
	messagesProperty({ developer: 'Instructions from the developer of the app' }),
	{
		...messagesJsonProperty,
		description:
			'An array of messages {role, content, name}, where content is text or an array of parts: text or input_text, output_text, image_url or input_image. Typically an expression that reads the conversation history of an earlier node.',
	},
	builtInToolsProperty,
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
			responsesReasoningEffortOption,
			commonOptions.responseFormat,
			commonOptions.temperature,
			serviceTierOption,
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
