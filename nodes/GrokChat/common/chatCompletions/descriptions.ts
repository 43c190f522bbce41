/**
 * What a chat-completions request of Grok Chat version 1 and Grok Batch's Submit is made of: the
 * parameters that shape it and the options, the common ones and those only chat completions take.
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	messagesJsonProperty,
	messagesProperty,
	messagesSourceProperty,
	modelProperty,
} from '../descriptions';
import {
	commonOptions,
	conversationIdOption,
	reasoningEffortOption,
	reasoningLevels,
} from '../optionDescriptions';

/** The options only chat completions take. */
const chatOnlyOptions = {
	conversationId: conversationIdOption(
		"Sent in the X-Grok-Conv-ID header: requests with the same ID go to the same server, so xAI can reuse the conversation's cached tokens (cheaper, faster)",
	),
	frequencyPenalty: {
		displayName: 'Frequency Penalty',
		name: 'frequencyPenalty',
		type: 'number',
		typeOptions: { minValue: -2, maxValue: 2, numberPrecision: 2 },
		default: 0,
		description:
			'Penalizes tokens by how often they already appeared (-2 to 2). Some models, such as reasoning models, reject it.',
	},
	presencePenalty: {
		displayName: 'Presence Penalty',
		name: 'presencePenalty',
		type: 'number',
		typeOptions: { minValue: -2, maxValue: 2, numberPrecision: 2 },
		default: 0,
		description:
			'Penalizes tokens that already appeared, to steer towards new topics (-2 to 2). Some models, such as reasoning models, reject it.',
	},
	reasoningEffort: reasoningEffortOption(
		[reasoningLevels.low, reasoningLevels.high],
		'How long a reasoning model thinks before it answers. Only models that support it (e.g. grok-4.3) accept it.',
	),
	seed: {
		displayName: 'Seed',
		name: 'seed',
		type: 'number',
		default: 0,
		description:
			'Asks for repeatable replies: the same seed and parameters give the same reply as far as possible',
	},
	stop: {
		displayName: 'Stop Sequence',
		name: 'stop',
		type: 'string',
		default: '',
		description:
			'Text at which the model stops writing; an expression giving an array sets up to 4. Some models reject it.',
	},
} satisfies Record<string, INodeProperties>;

/** The parameters that shape a request: the Model and the messages. */
export const requestProperties: INodeProperties[] = [
	modelProperty,
	messagesSourceProperty(
		'Take an array of chat messages, e.g. a conversation history from earlier nodes',
	),
	messagesProperty({
		developer: 'Sent as a system message: xAI has no developer role',
	}),
	messagesJsonProperty,
];

/** The Options of chat completions, as Grok Chat version 1 lists them. */
export const chatCompletionsOptions: INodeProperties[] = [
	commonOptions.concurrency,
	chatOnlyOptions.conversationId,
	chatOnlyOptions.frequencyPenalty,
	commonOptions.includeReasoning,
	commonOptions.jsonSchema,
	commonOptions.maxRetries,
	commonOptions.maxRateLimitWait,
	commonOptions.maxTokens,
	chatOnlyOptions.presencePenalty,
	chatOnlyOptions.reasoningEffort,
	commonOptions.responseFormat,
	commonOptions.temperature,
	chatOnlyOptions.seed,
	chatOnlyOptions.stop,
	commonOptions.stream,
	commonOptions.timeout,
	commonOptions.topP,
	commonOptions.user,
];

/** Options about sending a request and reading its reply, not about what the request asks. */
const callOnlyOptions = new Set([
	commonOptions.concurrency,
	chatOnlyOptions.conversationId,
	commonOptions.includeReasoning,
	commonOptions.maxRetries,
	commonOptions.maxRateLimitWait,
	commonOptions.stream,
	commonOptions.timeout,
]);

/** The options that shape a request (what a batch carries), in the same order. */
export const requestOptions = chatCompletionsOptions.filter(
	(option) => !callOnlyOptions.has(option),
);
