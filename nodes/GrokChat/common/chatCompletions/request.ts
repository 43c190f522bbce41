/**
 * One item's parameters -> a validated xAI chat request. Pure: no I/O, so every bad input is found
 * before anything is sent, and each error names the field.
 */
import { InvalidParameterError } from '../../../shared/errors';
import type { BinaryImage } from '../../../shared/images';
import { schemaOption } from '../../../shared/jsonSchema';
import { integerOption, numberOption, textParameter } from '../../../shared/options';
import type { ChatCompletionCreateParams } from '../../../shared/transport';
import type { CommonOptions } from '../commonOptions';
import { tokensAndSampling } from '../commonOptions';
import type { MessageSource } from '../messageSource';
import { modelOf, sourceMessages } from '../messageSource';
import { definedMessage, messagesFromJson } from './messages';

export interface ChatOptions extends CommonOptions {
	stop?: string | string[];
	seed?: number;
	presencePenalty?: number;
	frequencyPenalty?: number;
	reasoningEffort?: 'low' | 'high';
}

export interface ChatParameters extends MessageSource {
	options: ChatOptions;
}

export function buildChatRequest(
	parameters: ChatParameters,
	binaryImages: ReadonlyMap<string, BinaryImage> = new Map(),
): ChatCompletionCreateParams {
	const model = modelOf(parameters);

	const messages = sourceMessages(parameters, messagesFromJson, (message, where) =>
		definedMessage(message, where, binaryImages),
	);
	return { model, messages, ...optionsToBody(parameters.options) };
}

/** Only what the user set is sent: xAI rejects some parameters on some models. */
function optionsToBody(options: ChatOptions): Partial<ChatCompletionCreateParams> {
	const body: Partial<ChatCompletionCreateParams> = tokensAndSampling(
		options,
		'max_completion_tokens',
	);
	if (options.presencePenalty !== undefined) {
		body.presence_penalty = numberOption(options.presencePenalty, 'Presence Penalty', -2, 2);
	}
	if (options.frequencyPenalty !== undefined) {
		body.frequency_penalty = numberOption(options.frequencyPenalty, 'Frequency Penalty', -2, 2);
	}
	if (options.seed !== undefined) body.seed = integerOption(options.seed, 'Seed');
	if (options.stop !== undefined && options.stop !== '') body.stop = stopSequences(options.stop);
	if (options.reasoningEffort !== undefined) body.reasoning_effort = options.reasoningEffort;
	const user = textParameter(options.user, 'Options › User');
	if (user) body.user = user;
	if (options.responseFormat === 'json_schema') {
		body.response_format = {
			type: 'json_schema',
			json_schema: { name: 'response', schema: schemaOption(options.jsonSchema), strict: true },
		};
	} else if (options.responseFormat) {
		body.response_format = { type: options.responseFormat };
	}
	return body;
}

function stopSequences(stop: string | string[]): string | string[] {
	if (typeof stop === 'string') return stop;
	if (!Array.isArray(stop) || stop.length > 4 || stop.some((s) => typeof s !== 'string' || !s)) {
		throw new InvalidParameterError(
			'Options › Stop Sequence',
			'give one text, or an array of up to 4 texts',
		);
	}
	return stop;
}

/** The Conversation ID goes in xAI's `x-grok-conv-id` header, for prompt-cache hits. */
export function conversationHeaders(options: ChatOptions): Record<string, string> | undefined {
	const field = 'Options › Conversation ID';
	const id = textParameter(options.conversationId, field).trim();
	if (!id) return undefined;
	if (!/^[\x20-\x7e]{1,256}$/.test(id)) {
		throw new InvalidParameterError(
			field,
			'must be at most 256 plain characters (letters, digits, punctuation), as it is sent in a header',
		);
	}
	return { 'x-grok-conv-id': id };
}
