/**
 * One item's parameters -> a validated xAI chat request. Pure: no I/O, so every bad input is found
 * before anything is sent, and each error names the field.
 */
import { InvalidParameterError } from '../../shared/errors';
import type { BinaryImage } from '../../shared/images';
import { checkImageUrl } from '../../shared/images';
import { schemaOption } from '../../shared/jsonSchema';
import { integerOption, numberOption, textParameter } from '../../shared/options';
import type { ChatCompletionCreateParams } from '../../shared/transport';
import type { MessageParameters, MessageSource } from '../messages';
import { messageArray, messageImages, messageRole, messageText, modelOf, ROLES } from '../messages';

export { InvalidParameterError };
export type { MessageParameters };
const JSON_ROLES = [...ROLES, 'tool'];

type RequestMessage = ChatCompletionCreateParams['messages'][number];

export interface ChatOptions {
	maxTokens?: number;
	stream?: boolean;
	temperature?: number;
	topP?: number;
	stop?: string | string[];
	seed?: number;
	presencePenalty?: number;
	frequencyPenalty?: number;
	reasoningEffort?: 'low' | 'high';
	responseFormat?: 'text' | 'json_object' | 'json_schema';
	jsonSchema?: string | object;
	user?: string;
	timeout?: number;
	maxRetries?: number;
	concurrency?: number;
	maxRateLimitWait?: number;
	includeReasoning?: boolean;
	conversationId?: string;
}

export interface ChatParameters extends MessageSource {
	options: ChatOptions;
}

export type { BinaryImage };

export function buildChatRequest(
	parameters: ChatParameters,
	binaryImages: ReadonlyMap<string, BinaryImage> = new Map(),
): ChatCompletionCreateParams {
	const model = modelOf(parameters);

	const messages =
		parameters.messagesSource === 'json'
			? messagesFromJson(parameters.messagesJson)
			: parameters.messages.map((message, index) =>
					definedMessage(message, `Message ${index}`, binaryImages),
				);
	if (messages.length === 0) {
		throw new InvalidParameterError('Messages', 'add at least one message');
	}

	return { model, messages, ...optionsToBody(parameters.options) };
}

function definedMessage(
	message: MessageParameters,
	where: string,
	binaryImages: ReadonlyMap<string, BinaryImage>,
): RequestMessage {
	const role = messageRole(message, where);
	const text = messageText(message, where);
	const name = textParameter(message.name, `${where} › Name`).trim();
	if (name && role !== 'user') {
		throw new InvalidParameterError(`${where} › Name`, 'xAI accepts a name on user messages only');
	}
	const detail = message.imageDetail ?? 'auto';
	const images = messageImages(message, role, text, where, binaryImages);

	if (role === 'user') {
		const content =
			images.length === 0
				? text
				: [
						...(text.trim() ? [{ type: 'text' as const, text }] : []),
						...images.map((url) => ({ type: 'image_url' as const, image_url: { url, detail } })),
					];
		return name ? { role, content, name } : { role, content };
	}
	// xAI's chat schema has no developer role: developer instructions go as system messages.
	return {
		role: role === 'developer' ? 'system' : (role as 'system' | 'assistant'),
		content: text,
	};
}

function messagesFromJson(value: unknown): RequestMessage[] {
	const field = 'Messages (JSON)';
	return messageArray(value, field).map((message, index) =>
		jsonMessage(message, `${field} › [${index}]`),
	);
}

function jsonMessage(message: unknown, where: string): RequestMessage {
	if (typeof message !== 'object' || message === null || Array.isArray(message)) {
		throw new InvalidParameterError(where, 'must be an object with a role and content');
	}
	const { role, content, name } = message as Record<string, unknown>;
	if (typeof role !== 'string' || !JSON_ROLES.includes(role)) {
		throw new InvalidParameterError(
			`${where}.role`,
			`"${String(role)}" is not one of ${JSON_ROLES.join(', ')}`,
		);
	}
	if (name !== undefined && role !== 'user') {
		throw new InvalidParameterError(`${where}.name`, 'xAI accepts a name on user messages only');
	}
	if (name !== undefined && typeof name !== 'string') {
		throw new InvalidParameterError(`${where}.name`, 'must be text');
	}
	const hasToolCalls =
		role === 'assistant' && Array.isArray((message as { tool_calls?: unknown }).tool_calls);
	if (role === 'tool' && typeof (message as { tool_call_id?: unknown }).tool_call_id !== 'string') {
		throw new InvalidParameterError(
			`${where}.tool_call_id`,
			'a tool message needs the ID of the tool call it answers',
		);
	}
	if (typeof content === 'string') {
		if (!content.trim() && !hasToolCalls)
			throw new InvalidParameterError(`${where}.content`, 'is empty');
	} else if (Array.isArray(content)) {
		if (content.length === 0) throw new InvalidParameterError(`${where}.content`, 'is empty');
		content.forEach((part: unknown, index) =>
			checkContentPart(part, role, `${where}.content[${index}]`),
		);
	} else if (!(content == null && hasToolCalls)) {
		throw new InvalidParameterError(
			`${where}.content`,
			'must be text or an array of text and image_url parts',
		);
	}
	const sent = { ...(message as object) } as Record<string, unknown>;
	if (role === 'developer') sent.role = 'system';
	return sent as unknown as RequestMessage;
}

function checkContentPart(part: unknown, role: string, where: string) {
	const { type, text, image_url } = (part ?? {}) as Record<string, unknown>;
	if (type === 'text') {
		if (typeof text !== 'string') throw new InvalidParameterError(`${where}.text`, 'must be text');
		return;
	}
	if (type === 'image_url') {
		if (role !== 'user')
			throw new InvalidParameterError(where, 'images can be sent in user messages only');
		const url = (image_url as { url?: unknown } | undefined)?.url;
		if (typeof url !== 'string')
			throw new InvalidParameterError(`${where}.image_url.url`, 'is missing');
		checkImageUrl(url, `${where}.image_url.url`);
		return;
	}
	throw new InvalidParameterError(
		`${where}.type`,
		`"${String(type)}" is not "text" or "image_url"`,
	);
}

/** Only what the user set is sent: xAI rejects some parameters on some models. */
function optionsToBody(options: ChatOptions): Partial<ChatCompletionCreateParams> {
	const body: Partial<ChatCompletionCreateParams> = {};
	if (options.maxTokens !== undefined) {
		body.max_completion_tokens = integerOption(options.maxTokens, 'Maximum Number of Tokens', 1);
	}
	if (options.temperature !== undefined) {
		body.temperature = numberOption(options.temperature, 'Sampling Temperature', 0, 2);
	}
	if (options.topP !== undefined) body.top_p = numberOption(options.topP, 'Top P', 0, 1);
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
