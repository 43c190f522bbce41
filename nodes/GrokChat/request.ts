/**
 * One item's parameters -> a validated xAI chat request. Pure: no I/O, so every bad input is found
 * before anything is sent, and each error names the field.
 */
import type { ChatCompletionCreateParams } from './transport';

export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const IMAGE_MIME_TYPES = ['image/jpeg', 'image/jpg', 'image/png'];
const ROLES = ['system', 'developer', 'user', 'assistant'] as const;
const JSON_ROLES = [...ROLES, 'tool'];

type Role = (typeof ROLES)[number];
type ImageDetail = 'auto' | 'low' | 'high';
type RequestMessage = ChatCompletionCreateParams['messages'][number];

export interface MessageParameters {
	role?: string;
	content?: string;
	name?: string;
	imageUrls?: string | string[];
	binaryProperties?: string;
	imageDetail?: ImageDetail;
}

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
	includeReasoning?: boolean;
}

export interface ChatParameters {
	model: string;
	messagesSource: 'define' | 'json';
	messages: MessageParameters[];
	messagesJson?: unknown;
	options: ChatOptions;
}

export interface BinaryImage {
	mimeType: string;
	data: Buffer;
}

/** Bad input, found before any request: `field` tells the user where to look. */
export class InvalidParameterError extends Error {
	constructor(
		readonly field: string,
		problem: string,
	) {
		super(`${field}: ${problem}`);
		this.name = 'InvalidParameterError';
	}
}

/** The binary properties the messages ask for, so the caller can load them before building. */
export function binaryPropertiesOf(parameters: ChatParameters): string[] {
	if (parameters.messagesSource === 'json') return [];
	return [
		...new Set(parameters.messages.flatMap((message) => splitList(message.binaryProperties))),
	];
}

export function buildChatRequest(
	parameters: ChatParameters,
	binaryImages: ReadonlyMap<string, BinaryImage> = new Map(),
): ChatCompletionCreateParams {
	const model = parameters.model?.trim();
	if (!model) throw new InvalidParameterError('Model', 'choose a model or enter its ID');

	const messages =
		parameters.messagesSource === 'json'
			? messagesFromJson(parameters.messagesJson)
			: parameters.messages.map((message, index) =>
					definedMessage(message, `Message ${index + 1}`, binaryImages),
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
	const role = message.role ?? 'user';
	if (!ROLES.includes(role as Role)) {
		throw new InvalidParameterError(
			`${where} › Role`,
			`"${role}" is not one of ${ROLES.join(', ')}`,
		);
	}
	const text = message.content ?? '';
	const name = message.name?.trim();
	if (name && role !== 'user') {
		throw new InvalidParameterError(`${where} › Name`, 'xAI accepts a name on user messages only');
	}

	const detail = message.imageDetail ?? 'auto';
	const imageUrls = splitUrls(message.imageUrls).map((url) => {
		checkImageUrl(url, `${where} › Image URLs`);
		return url;
	});
	const binaryUrls = splitList(message.binaryProperties).map((property) => {
		const image = binaryImages.get(property);
		const field = `${where} › Images From Binary Properties`;
		if (!image)
			throw new InvalidParameterError(field, `the item has no binary property "${property}"`);
		return binaryToDataUrl(image, property, field);
	});
	const images = [...imageUrls, ...binaryUrls];

	if (images.length > 0 && role !== 'user') {
		throw new InvalidParameterError(
			`${where} › Image URLs`,
			'images can be sent in user messages only',
		);
	}
	if (!text.trim() && images.length === 0) {
		throw new InvalidParameterError(`${where} › Text`, 'enter the text of the message');
	}

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
	let messages = value;
	if (typeof messages === 'string') {
		try {
			messages = JSON.parse(messages);
		} catch {
			throw new InvalidParameterError(field, 'is not valid JSON');
		}
	}
	if (!Array.isArray(messages)) {
		throw new InvalidParameterError(
			field,
			'must be an array of messages, e.g. [{"role": "user", "content": "Hi"}]',
		);
	}
	return messages.map((message: unknown, index) => jsonMessage(message, `${field} › [${index}]`));
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

function checkImageUrl(url: string, field: string) {
	const dataUrl = /^data:([^;,]+);base64,/i.exec(url);
	if (dataUrl) {
		checkImage(
			dataUrl[1].toLowerCase(),
			Math.floor(((url.length - dataUrl[0].length) * 3) / 4),
			field,
			'the data URL',
		);
		return;
	}
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	if (parsed?.protocol !== 'https:') {
		throw new InvalidParameterError(
			field,
			`"${shorten(url)}" is not an https URL or a data:image/...;base64 URL`,
		);
	}
}

function binaryToDataUrl(image: BinaryImage, property: string, field: string): string {
	const mimeType = image.mimeType.toLowerCase();
	checkImage(mimeType, image.data.length, field, `binary property "${property}"`);
	return `data:${mimeType === 'image/jpg' ? 'image/jpeg' : mimeType};base64,${image.data.toString('base64')}`;
}

function checkImage(mimeType: string, bytes: number, field: string, what: string) {
	if (!IMAGE_MIME_TYPES.includes(mimeType)) {
		throw new InvalidParameterError(
			field,
			`${what} is ${mimeType}; xAI takes JPG or PNG images only`,
		);
	}
	if (bytes > MAX_IMAGE_BYTES) {
		const mib = (bytes / 1024 / 1024).toFixed(1);
		throw new InvalidParameterError(
			field,
			`${what} is ${mib} MiB; xAI takes images of at most 20 MiB`,
		);
	}
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
	if (options.user) body.user = options.user;
	if (options.responseFormat === 'json_schema') {
		body.response_format = {
			type: 'json_schema',
			json_schema: { name: 'response', schema: jsonSchema(options.jsonSchema), strict: true },
		};
	} else if (options.responseFormat) {
		body.response_format = { type: options.responseFormat };
	}
	return body;
}

function numberOption(value: unknown, field: string, min: number, max: number): number {
	if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max) {
		throw new InvalidParameterError(
			`Options › ${field}`,
			`${String(value)} is not a number from ${min} to ${max}`,
		);
	}
	return value;
}

export function integerOption(value: unknown, field: string, min?: number): number {
	if (!Number.isInteger(value) || (min !== undefined && (value as number) < min)) {
		const range = min === undefined ? 'a whole number' : `a whole number of at least ${min}`;
		throw new InvalidParameterError(`Options › ${field}`, `${String(value)} is not ${range}`);
	}
	return value as number;
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

function jsonSchema(schema: string | object | undefined): Record<string, unknown> {
	const field = 'Options › JSON Schema';
	let parsed: unknown = schema;
	if (typeof schema === 'string') {
		try {
			parsed = JSON.parse(schema);
		} catch {
			throw new InvalidParameterError(field, 'is not valid JSON');
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new InvalidParameterError(
			field,
			'must be a JSON object, e.g. {"type": "object", "properties": {...}}',
		);
	}
	return parsed as Record<string, unknown>;
}

/** Comma- or newline-separated names, or an array from an expression. */
function splitList(value: string | string[] | undefined, separator = /[\n,]/): string[] {
	const parts = Array.isArray(value) ? value : (value ?? '').split(separator);
	return parts.map((part) => String(part).trim()).filter(Boolean);
}

/** Like splitList, but a data URL's own comma (before its base64) does not split it. */
function splitUrls(value: string | string[] | undefined): string[] {
	return splitList(value, /\n|,(?=\s*[a-z][a-z0-9+.-]*:)/i);
}

function shorten(text: string): string {
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
