/**
 * One item's parameters -> a validated xAI Responses request (POST /responses). Pure: no I/O, so
 * every bad input, built-in tools included, is found before anything is sent, and each error
 * names the field.
 */
import { InvalidParameterError } from '../../shared/errors';
import type { BinaryImage } from '../../shared/images';
import { checkImageUrl } from '../../shared/images';
import { isObject } from '../../shared/json';
import { schemaOption } from '../../shared/jsonSchema';
import { integerOption, numberOption, textParameter } from '../../shared/options';
import type { MessageParameters, MessageSource, Role } from '../messages';
import {
	binaryPropertiesOf,
	messageArray,
	messageImages,
	messageRole,
	messageText,
	modelOf,
	ROLES,
	splitList,
} from '../messages';

export { binaryPropertiesOf, InvalidParameterError };
export type { BinaryImage, MessageParameters };

const IMAGE_DETAILS = ['auto', 'low', 'high'] as const;
export const REASONING_EFFORTS = ['none', 'low', 'medium', 'high', 'xhigh'] as const;
export const SERVICE_TIERS = ['default', 'priority'] as const;
export const MAX_DOMAINS = 5;
export const MAX_X_HANDLES = 10;

type ImageDetail = (typeof IMAGE_DETAILS)[number];

export interface ResponsesOptions {
	maxTokens?: number;
	stream?: boolean;
	temperature?: number;
	topP?: number;
	reasoningEffort?: string;
	responseFormat?: 'text' | 'json_object' | 'json_schema';
	jsonSchema?: string | object;
	user?: string;
	serviceTier?: string;
	conversationId?: string;
	store?: boolean;
	previousResponseId?: string;
	timeout?: number;
	maxRetries?: number;
	concurrency?: number;
	maxRateLimitWait?: number;
	includeReasoning?: boolean;
}

export interface WebSearchParameters {
	allowedDomains?: unknown;
	excludedDomains?: unknown;
	enableImageUnderstanding?: unknown;
}

export interface XSearchParameters {
	allowedHandles?: unknown;
	excludedHandles?: unknown;
	fromDate?: unknown;
	toDate?: unknown;
	enableImageUnderstanding?: unknown;
	enableVideoUnderstanding?: unknown;
}

/** The Built-in Tools collection: an entry that is present turns its tool on. */
export interface BuiltInToolsParameters {
	webSearch?: WebSearchParameters;
	xSearch?: XSearchParameters;
	codeExecution?: unknown;
}

export interface ResponsesParameters extends MessageSource {
	builtInTools?: BuiltInToolsParameters;
	options: ResponsesOptions;
}

export type InputContentPart =
	| { type: 'input_text'; text: string }
	| { type: 'output_text'; text: string }
	| { type: 'input_image'; image_url: string; detail?: ImageDetail };

export interface InputMessage {
	role: Role;
	content: string | InputContentPart[];
}

export interface WebSearchTool {
	type: 'web_search';
	allowed_domains?: string[];
	excluded_domains?: string[];
	enable_image_understanding?: boolean;
}

export interface XSearchTool {
	type: 'x_search';
	allowed_x_handles?: string[];
	excluded_x_handles?: string[];
	from_date?: string;
	to_date?: string;
	enable_image_understanding?: boolean;
	enable_video_understanding?: boolean;
}

export type ResponsesTool = WebSearchTool | XSearchTool | { type: 'code_interpreter' };

export type TextFormat =
	| { type: 'text' }
	| { type: 'json_object' }
	| { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict: boolean };

export interface ResponsesRequest {
	model: string;
	input: InputMessage[];
	tools?: ResponsesTool[];
	max_output_tokens?: number;
	temperature?: number;
	top_p?: number;
	reasoning?: { effort: string };
	text?: { format: TextFormat };
	user?: string;
	service_tier?: string;
	prompt_cache_key?: string;
	previous_response_id?: string;
	store: boolean;
}

export function buildResponsesRequest(
	parameters: ResponsesParameters,
	binaryImages: ReadonlyMap<string, BinaryImage> = new Map(),
): ResponsesRequest {
	const model = modelOf(parameters);

	const input =
		parameters.messagesSource === 'json'
			? inputFromJson(parameters.messagesJson)
			: parameters.messages.map((message, index) =>
					definedInput(message, `Message ${index}`, binaryImages),
				);
	if (input.length === 0) throw new InvalidParameterError('Messages', 'add at least one message');

	const tools = builtInTools(parameters.builtInTools);
	return {
		model,
		input,
		...(tools.length > 0 && { tools }),
		...optionsToBody(parameters.options),
	};
}

const NO_NAME =
	"xAI's Responses API has no name field: put the name into the text, or use node version 1";

function definedInput(
	message: MessageParameters,
	where: string,
	binaryImages: ReadonlyMap<string, BinaryImage>,
): InputMessage {
	const role = messageRole(message, where);
	const text = messageText(message, where);
	// Version 2 shows no Name; a name can still come from parameters saved under version 1.
	if (textParameter(message.name, `${where} › Name`).trim()) {
		throw new InvalidParameterError(`${where} › Name`, NO_NAME);
	}
	const detail = message.imageDetail ?? 'auto';
	if (!IMAGE_DETAILS.includes(detail)) {
		throw new InvalidParameterError(
			`${where} › Image Detail`,
			`"${String(detail)}" is not one of ${IMAGE_DETAILS.join(', ')}`,
		);
	}

	const images = messageImages(message, role, text, where, binaryImages);
	if (images.length === 0) return { role, content: text };
	return {
		role,
		content: [
			...(text.trim() ? [{ type: 'input_text' as const, text }] : []),
			...images.map((url) => ({ type: 'input_image' as const, image_url: url, detail })),
		],
	};
}

/**
 * A conversation as JSON: chat-completions messages (text and image_url parts, as version 1 takes
 * them) or Responses input messages (input_text, output_text and input_image parts).
 */
function inputFromJson(value: unknown): InputMessage[] {
	const field = 'Messages (JSON)';
	return messageArray(value, field).map((message, index) =>
		jsonInput(message, `${field} › [${index}]`),
	);
}

function jsonInput(message: unknown, where: string): InputMessage {
	if (!isObject(message)) {
		throw new InvalidParameterError(where, 'must be an object with a role and content');
	}
	const { role, content, name } = message;
	if (role === 'tool' || message.tool_calls !== undefined) {
		throw new InvalidParameterError(
			`${where}.role`,
			'tool calls and tool results cannot be sent to the Responses API: leave them out of the conversation',
		);
	}
	if (typeof role !== 'string' || !ROLES.includes(role as Role)) {
		throw new InvalidParameterError(
			`${where}.role`,
			`"${String(role)}" is not one of ${ROLES.join(', ')}`,
		);
	}
	if (name !== undefined) throw new InvalidParameterError(`${where}.name`, NO_NAME);
	if (typeof content === 'string') {
		if (!content.trim()) throw new InvalidParameterError(`${where}.content`, 'is empty');
		return { role: role as Role, content };
	}
	if (!Array.isArray(content)) {
		throw new InvalidParameterError(
			`${where}.content`,
			'must be text or an array of text and image parts',
		);
	}
	if (content.length === 0) throw new InvalidParameterError(`${where}.content`, 'is empty');
	return {
		role: role as Role,
		content: content.map((part: unknown, index) =>
			jsonPart(part, role as Role, `${where}.content[${index}]`),
		),
	};
}

function jsonPart(part: unknown, role: Role, where: string): InputContentPart {
	const { type, text, image_url, detail } = isObject(part) ? part : ({} as Record<string, unknown>);
	if (type === 'text' || type === 'input_text' || type === 'output_text') {
		if (typeof text !== 'string') throw new InvalidParameterError(`${where}.text`, 'must be text');
		// xAI reads an assistant's earlier reply as output text, anything else as input text.
		return { type: role === 'assistant' ? 'output_text' : 'input_text', text };
	}
	if (type === 'image_url' || type === 'input_image') {
		if (role !== 'user')
			throw new InvalidParameterError(where, 'images can be sent in user messages only');
		// Chat form: image_url {url, detail}; Responses form: image_url "<url>" and detail beside it.
		const chatForm = isObject(image_url);
		const url = chatForm ? image_url.url : image_url;
		const urlField = `${where}.image_url${chatForm ? '.url' : ''}`;
		if (typeof url !== 'string') throw new InvalidParameterError(urlField, 'is missing');
		checkImageUrl(url, urlField);
		const level = chatForm ? image_url.detail : detail;
		if (level !== undefined && !IMAGE_DETAILS.includes(level as ImageDetail)) {
			throw new InvalidParameterError(
				`${where}.detail`,
				`"${String(level)}" is not one of ${IMAGE_DETAILS.join(', ')}`,
			);
		}
		return {
			type: 'input_image',
			image_url: url,
			...(level !== undefined && { detail: level as ImageDetail }),
		};
	}
	throw new InvalidParameterError(
		`${where}.type`,
		`"${String(type)}" is not "text", "input_text", "output_text", "image_url" or "input_image"`,
	);
}

const TOOLS = 'Built-in Tools';

/** Each entry of Built-in Tools -> one xAI tool; an empty entry is the tool with xAI's defaults. */
export function builtInTools(value: BuiltInToolsParameters | undefined): ResponsesTool[] {
	if (value === undefined || value === null) return [];
	if (!isObject(value)) throw new InvalidParameterError(TOOLS, 'must be an object of tools');
	const { webSearch, xSearch, codeExecution } = value as BuiltInToolsParameters;
	const tools: ResponsesTool[] = [];
	if (webSearch !== undefined) tools.push(webSearchTool(webSearch));
	if (xSearch !== undefined) tools.push(xSearchTool(xSearch));
	if (codeExecution !== undefined) {
		if (booleanOf(codeExecution, `${TOOLS} › Code Execution`)) {
			tools.push({ type: 'code_interpreter' });
		}
	}
	return tools;
}

function toolFields<T>(value: T, where: string): T {
	if (value === null || value === undefined) return {} as T;
	if (!isObject(value)) throw new InvalidParameterError(where, 'must be an object of settings');
	return value;
}

function webSearchTool(value: WebSearchParameters): WebSearchTool {
	const where = `${TOOLS} › Web Search`;
	const fields = toolFields(value, where);
	const [allowed, excluded] = exclusiveLists(
		where,
		['Allowed Domains', 'Excluded Domains'],
		[fields.allowedDomains, fields.excludedDomains],
		MAX_DOMAINS,
		'domains',
		domainOf,
	);
	const tool: WebSearchTool = { type: 'web_search' };
	if (allowed.length > 0) tool.allowed_domains = allowed;
	if (excluded.length > 0) tool.excluded_domains = excluded;
	const images = optionalBoolean(
		fields.enableImageUnderstanding,
		`${where} › Enable Image Understanding`,
	);
	if (images !== undefined) tool.enable_image_understanding = images;
	return tool;
}

function xSearchTool(value: XSearchParameters): XSearchTool {
	const where = `${TOOLS} › X Search`;
	const fields = toolFields(value, where);
	const [allowed, excluded] = exclusiveLists(
		where,
		['Allowed Handles', 'Excluded Handles'],
		[fields.allowedHandles, fields.excludedHandles],
		MAX_X_HANDLES,
		'handles',
		handleOf,
	);
	const tool: XSearchTool = { type: 'x_search' };
	if (allowed.length > 0) tool.allowed_x_handles = allowed;
	if (excluded.length > 0) tool.excluded_x_handles = excluded;
	const from = dateOf(fields.fromDate, `${where} › From Date`);
	const to = dateOf(fields.toDate, `${where} › To Date`);
	if (from && to && from > to) {
		throw new InvalidParameterError(`${where} › From Date`, `${from} is after the To Date ${to}`);
	}
	if (from) tool.from_date = from;
	if (to) tool.to_date = to;
	const images = optionalBoolean(
		fields.enableImageUnderstanding,
		`${where} › Enable Image Understanding`,
	);
	if (images !== undefined) tool.enable_image_understanding = images;
	const videos = optionalBoolean(
		fields.enableVideoUnderstanding,
		`${where} › Enable Video Understanding`,
	);
	if (videos !== undefined) tool.enable_video_understanding = videos;
	return tool;
}

/** An allow list and a block list, of which xAI takes one, each with at most `max` entries. */
function exclusiveLists(
	where: string,
	names: [string, string],
	values: [unknown, unknown],
	max: number,
	what: string,
	check: (entry: string, field: string) => string,
): [string[], string[]] {
	const lists = values.map((value, index) => {
		const field = `${where} › ${names[index]}`;
		const entries = [...new Set(splitList(value, field).map((entry) => check(entry, field)))];
		if (entries.length > max) {
			throw new InvalidParameterError(
				field,
				`at most ${max} ${what}, but there are ${entries.length}`,
			);
		}
		return entries;
	}) as [string[], string[]];
	if (lists[0].length > 0 && lists[1].length > 0) {
		throw new InvalidParameterError(
			`${where} › ${names[1]}`,
			`set ${names[0]} or ${names[1]}, not both`,
		);
	}
	return lists;
}

function domainOf(entry: string, field: string): string {
	if (/[\s/:@?#]/.test(entry) || !entry.includes('.')) {
		throw new InvalidParameterError(
			field,
			`"${entry}" is not a domain: enter domains such as example.com, without https:// or a path`,
		);
	}
	return entry.toLowerCase();
}

function handleOf(entry: string, field: string): string {
	const handle = entry.replace(/^@/, '');
	if (!/^[A-Za-z0-9_]{1,15}$/.test(handle)) {
		throw new InvalidParameterError(
			field,
			`"${entry}" is not an X handle (1 to 15 letters, digits or underscores, e.g. @xai)`,
		);
	}
	return handle;
}

/** YYYY-MM-DD (a date and time from an expression is cut to its date); '' is none. */
function dateOf(value: unknown, field: string): string | undefined {
	const text = (value instanceof Date ? value.toISOString() : textParameter(value, field)).trim();
	if (!text) return undefined;
	const match = /^(\d{4}-\d{2}-\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
	const date = match ? new Date(`${match[1]}T00:00:00Z`) : undefined;
	if (!match || !date || Number.isNaN(date.getTime()) || !date.toISOString().startsWith(match[1])) {
		throw new InvalidParameterError(
			field,
			`"${text}" is not a date as YYYY-MM-DD, e.g. 2025-01-31`,
		);
	}
	return match[1];
}

function booleanOf(value: unknown, field: string): boolean {
	if (typeof value !== 'boolean') {
		throw new InvalidParameterError(field, `must be true or false, not ${JSON.stringify(value)}`);
	}
	return value;
}

function optionalBoolean(value: unknown, field: string): boolean | undefined {
	return value === undefined ? undefined : booleanOf(value, field);
}

/** Only what the user set is sent, except `store`, which is false unless the user turns it on. */
export function optionsToBody(
	options: ResponsesOptions,
): Omit<ResponsesRequest, 'model' | 'input'> {
	const body: Partial<ResponsesRequest> = {};
	if (options.maxTokens !== undefined) {
		body.max_output_tokens = integerOption(options.maxTokens, 'Maximum Number of Tokens', 1);
	}
	if (options.temperature !== undefined) {
		body.temperature = numberOption(options.temperature, 'Sampling Temperature', 0, 2);
	}
	if (options.topP !== undefined) body.top_p = numberOption(options.topP, 'Top P', 0, 1);
	if (options.reasoningEffort !== undefined) {
		body.reasoning = {
			effort: oneOf(options.reasoningEffort, 'Options › Reasoning Effort', REASONING_EFFORTS),
		};
	}
	if (options.responseFormat === 'json_schema') {
		const schema = schemaOption(options.jsonSchema);
		body.text = { format: { type: 'json_schema', name: 'response', schema, strict: true } };
	} else if (options.responseFormat !== undefined) {
		const type = oneOf(options.responseFormat, 'Options › Response Format', [
			'text',
			'json_object',
		] as const);
		body.text = { format: { type } };
	}
	const user = textParameter(options.user, 'Options › User').trim();
	if (user) body.user = user;
	if (options.serviceTier !== undefined) {
		body.service_tier = oneOf(options.serviceTier, 'Options › Service Tier', SERVICE_TIERS);
	}
	const cacheKey = textParameter(options.conversationId, 'Options › Conversation ID').trim();
	if (cacheKey) body.prompt_cache_key = cacheKey;
	const previous = textParameter(options.previousResponseId, 'Options › Previous Response ID');
	if (previous.trim()) body.previous_response_id = previous.trim();
	const store =
		options.store === undefined ? false : booleanOf(options.store, 'Options › Store Response');
	return { ...body, store };
}

function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
	if (!allowed.includes(value as T)) {
		throw new InvalidParameterError(
			field,
			`${JSON.stringify(value)} is not one of ${allowed.join(', ')}`,
		);
	}
	return value as T;
}
