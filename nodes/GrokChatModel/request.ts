/**
 * The agent's side -> xAI's Responses API, pure: the node's parameters become the part of every
 * request that stays the same, the agent's messages become input items and its tools function
 * tools. Built-in tools and options are checked by Grok Chat version 2's own code.
 */
import type { ContentFile, Message, MessageContent, Tool } from '@n8n/ai-node-sdk';

import { InvalidParameterError } from '../shared/errors';
import { isObject, NOT_JSON, parseJson } from '../shared/json';
import type { CallSettings } from '../shared/options';
import { callSettings } from '../shared/options';
import type { MessageSource } from '../GrokChat/common/messageSource';
import { modelOf } from '../GrokChat/common/messageSource';
import type { ResponsesOptions } from '../GrokChat/common/responsesOptions';
import { optionsToBody } from '../GrokChat/common/responsesOptions';
import type { BuiltInToolsParameters } from '../shared/xai/responses/builtInTools';
import { builtInTools } from '../shared/xai/responses/builtInTools';
import type { InputContentPart } from '../shared/xai/responses/types';

export interface ModelOptions extends Pick<
	ResponsesOptions,
	'maxTokens' | 'temperature' | 'topP' | 'reasoningEffort'
> {
	serviceTier?: string;
	timeout?: number;
	maxRetries?: number;
	appendSources?: unknown;
}

export interface ModelParameters {
	model: unknown;
	builtInTools?: BuiltInToolsParameters;
	options: ModelOptions;
}

export type InputItem =
	| { role: 'system' | 'user' | 'assistant'; content: string | InputContentPart[] }
	| { type: 'function_call'; call_id: string; name: string; arguments: string }
	| { type: 'function_call_output'; call_id: string; output: string };

export interface FunctionToolBody {
	type: 'function';
	name: string;
	description?: string;
	parameters: Record<string, unknown>;
	strict?: boolean;
}

/** What every request of one model sends, besides the input and the agent's tools. */
export type RequestBase = { model: string; tools?: object[] } & Record<string, unknown>;

export interface ModelSettings {
	base: RequestBase;
	call: CallSettings;
	appendSources: boolean;
}

/** Checks the parameters once, before any request: a bad value names its field. */
export function modelSettings({
	model,
	builtInTools: tools,
	options,
}: ModelParameters): ModelSettings {
	const { timeout, maxRetries, appendSources, ...sent } = options;
	const builtIn = builtInTools(tools);
	if (appendSources !== undefined && typeof appendSources !== 'boolean') {
		throw new InvalidParameterError('Options › Append Sources', 'must be true or false');
	}
	const base: RequestBase = {
		model: modelOf({ model } as MessageSource),
		...(builtIn.length > 0 && { tools: builtIn }),
		...optionsToBody(sent),
	};
	return {
		base,
		call: callSettings({ timeout, maxRetries }),
		appendSources: appendSources !== false,
	};
}

/** The request for `messages` with the agent's `tools` beside the built-in ones. */
export function buildRequest(
	base: RequestBase,
	messages: Message[],
	tools: Tool[],
	schemaOf: (tool: Tool & { type: 'function' }) => unknown,
) {
	const functions = toFunctionTools(tools, schemaOf);
	const all = [...functions, ...(base.tools ?? [])];
	return { ...base, input: toResponsesInput(messages), ...(all.length > 0 && { tools: all }) };
}

export function toFunctionTools(
	tools: Tool[],
	schemaOf: (tool: Tool & { type: 'function' }) => unknown,
): object[] {
	return tools.map((tool) => {
		// A provider tool is one of xAI's own, named as xAI names it (web_search, x_search, ...).
		if (tool.type !== 'function') return { type: tool.name, ...tool.args };
		const { $schema: _, ...parameters } = (schemaOf(tool) ?? { type: 'object' }) as Record<
			string,
			unknown
		>;
		const body: FunctionToolBody = { type: 'function', name: tool.name, parameters };
		if (tool.description) body.description = tool.description;
		if (tool.strict !== undefined) body.strict = tool.strict;
		return body;
	});
}

const texts = (content: MessageContent[]) =>
	content
		.filter((part) => part.type === 'text')
		.map((part) => part.text)
		.join('\n');

/** The agent's conversation as Responses input items; a message with nothing to send is left out. */
export function toResponsesInput(messages: Message[]): InputItem[] {
	return messages.flatMap((message): InputItem[] => {
		const { role, content } = message;
		if (role === 'tool') return content.flatMap(toolOutput);
		if (role === 'assistant') {
			const text = texts(content);
			return [
				...(text ? [{ role, content: text }] : []),
				...content.flatMap((part): InputItem[] =>
					part.type === 'tool-call'
						? [
								{
									type: 'function_call',
									call_id: part.toolCallId ?? '',
									name: part.toolName,
									arguments: callArguments(part.input, part.toolCallId),
								},
							]
						: [],
				),
			];
		}
		const images = role === 'user' ? content.flatMap(imagePart) : [];
		const text = texts(content);
		if (images.length === 0) return text ? [{ role, content: text }] : [];
		const parts: InputContentPart[] = text ? [{ type: 'input_text', text }] : [];
		return [{ role, content: [...parts, ...images] }];
	});
}

/** A call's arguments as the model sent them: n8n's agent adds the call's `id` to them. */
function callArguments(input: string, callId: string | undefined): string {
	const parsed = input ? parseJson(input) : NOT_JSON;
	if (parsed === NOT_JSON || !isObject(parsed) || callId === undefined || parsed.id !== callId) {
		return input || '{}';
	}
	const { id: _, ...args } = parsed;
	return JSON.stringify(args);
}

function toolOutput(part: MessageContent): InputItem[] {
	if (part.type !== 'tool-result') return [];
	return [
		{ type: 'function_call_output', call_id: part.toolCallId, output: outputText(part.result) },
	];
}

/** A tool's result as the text xAI takes: text as it is, content blocks' text, anything else JSON. */
function outputText(result: unknown): string {
	if (typeof result === 'string') return result;
	if (Array.isArray(result) && result.every((block) => isObject(block) && block.type === 'text')) {
		return result.map((block) => (block as { text: string }).text).join('\n');
	}
	return JSON.stringify(result ?? null);
}

function imagePart(part: MessageContent): InputContentPart[] {
	if (part.type !== 'file' || !part.mediaType?.startsWith('image/')) return [];
	const { data, mediaType } = part as ContentFile;
	const url = part.providerMetadata?.url;
	if (typeof url === 'string' && url) return [{ type: 'input_image', image_url: url }];
	if (typeof data === 'string' && /^(https?:|data:)/.test(data)) {
		return [{ type: 'input_image', image_url: data }];
	}
	const base64 = typeof data === 'string' ? data : Buffer.from(data).toString('base64');
	return [{ type: 'input_image', image_url: `data:${mediaType};base64,${base64}` }];
}
