/** An xAI chat completion (whole, or assembled from stream chunks) -> the node's output JSON. Pure. */
import type { IDataObject } from 'n8n-workflow';

import { schemaMismatch } from './jsonSchema';
import type { ChatOptions } from './request';
import type { ChatCompletion, ChatCompletionChunk } from './transport';

/** xAI adds `reasoning_content` beside `content`; the SDK's types do not know it. */
interface XaiMessage extends IDataObject {
	role: string;
	content: string | null;
	reasoning_content?: string;
}

interface XaiChoice extends IDataObject {
	index: number;
	message: XaiMessage;
	finish_reason: string | null;
}

export interface XaiCompletion extends IDataObject {
	id: string;
	object: string;
	created: number;
	model: string;
	choices: XaiChoice[];
	usage?: IDataObject;
}

/** The reply did not match the response format asked for; `rawText` is what the model wrote. */
export class InvalidReplyError extends Error {
	constructor(
		message: string,
		readonly rawText: string,
	) {
		super(message);
		this.name = 'InvalidReplyError';
	}
}

/**
 * Builds the same object the non-streaming API returns from SSE chunks: content and reasoning
 * deltas are concatenated per choice; the usage chunk (sent last, with no choices) is kept.
 */
export class CompletionAssembler {
	private completion: XaiCompletion | undefined;

	add(chunk: ChatCompletionChunk): void {
		const completion = (this.completion ??= {
			id: chunk.id,
			object: 'chat.completion',
			created: chunk.created,
			model: chunk.model,
			choices: [],
		});
		if (chunk.system_fingerprint) completion.system_fingerprint = chunk.system_fingerprint;
		if (chunk.usage) completion.usage = chunk.usage as unknown as IDataObject;
		for (const { index, delta, finish_reason } of chunk.choices) {
			const choice = (completion.choices[index] ??= {
				index,
				message: { role: 'assistant', content: null },
				finish_reason: null,
			});
			const { content, reasoning_content } = delta as {
				content?: string | null;
				reasoning_content?: string;
			};
			if (delta.role) choice.message.role = delta.role;
			if (content) choice.message.content = (choice.message.content ?? '') + content;
			if (reasoning_content) {
				choice.message.reasoning_content =
					(choice.message.reasoning_content ?? '') + reasoning_content;
			}
			if (finish_reason) choice.finish_reason = finish_reason;
		}
	}

	result(): XaiCompletion {
		if (!this.completion)
			throw new InvalidReplyError('xAI closed the stream without sending a reply', '');
		return this.completion;
	}
}

export interface OutputOptions extends Pick<ChatOptions, 'responseFormat' | 'includeReasoning'> {
	/** The JSON Schema a json_schema reply must follow. */
	schema?: Record<string, unknown>;
}

export function toOutputJson(
	completion: XaiCompletion | ChatCompletion,
	simplify: boolean,
	options: OutputOptions,
): IDataObject {
	const reply = completion as XaiCompletion;
	if (!simplify) return reply;

	const choice = reply.choices[0];
	const text = choice?.message.content ?? '';
	const output: IDataObject = {
		content: parseContent(text, options) as IDataObject,
	};
	const reasoning = choice?.message.reasoning_content;
	if (reasoning && options.includeReasoning !== false) output.reasoningContent = reasoning;
	output.finishReason = choice?.finish_reason ?? null;
	output.model = reply.model;
	if (reply.usage) output.usage = reply.usage;
	output.id = reply.id;
	return output;
}

function parseContent(text: string, { responseFormat, schema }: OutputOptions): unknown {
	if (responseFormat !== 'json_object' && responseFormat !== 'json_schema') return text;
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new InvalidReplyError(
			'The reply is not valid JSON, although the response format asks for JSON',
			text,
		);
	}
	const mismatch =
		responseFormat === 'json_schema' && schema ? schemaMismatch(parsed, schema) : undefined;
	if (mismatch) {
		throw new InvalidReplyError(`The reply does not match the JSON Schema: ${mismatch}`, text);
	}
	return parsed;
}
