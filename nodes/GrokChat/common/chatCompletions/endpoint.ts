/**
 * xAI's chat completions endpoint as the session sees it (path, body, reply checks, stream
 * assembly). Pure: no I/O.
 */
import type { IDataObject } from 'n8n-workflow';

import { notA, unfinishedStreamError } from '../../../shared/errors';
import type { StreamAssembler, XaiEndpoint } from '../../../shared/session';
import type { ChatCompletionCreateParams, SseEvent } from '../../../shared/transport';
import { isObject } from '../../../shared/json';
import { refusalOf, refusedError } from '../../../shared/xai/responses/refusal';

/** xAI adds `reasoning_content` beside `content`; the SDK's types do not know it. */
interface XaiMessage extends IDataObject {
	role: string;
	content: string | null;
	reasoning_content?: string;
	refusal?: string | null;
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

export function chatCompletionsEndpoint(
	body: ChatCompletionCreateParams,
	headers?: Record<string, string>,
): XaiEndpoint<XaiCompletion> {
	return {
		path: '/chat/completions',
		body: (stream) =>
			stream
				? { ...body, stream: true, stream_options: { include_usage: true } }
				: { ...body, stream: false },
		headers,
		fromJson: checkCompletion,
		streamAssembler: () => new CompletionAssembler(),
	};
}

/**
 * A whole reply must be a completion with a message: anything else is refused, not guessed at. A
 * message that is the model's refusal fails the item with xAI's words.
 */
export function checkCompletion(value: unknown): XaiCompletion {
	const choice = isObject(value) && Array.isArray(value.choices) ? value.choices[0] : undefined;
	const message = isObject(choice) ? choice.message : undefined;
	const content = isObject(message) ? message.content : undefined;
	if (!isObject(message) || !(typeof content === 'string' || content === null)) {
		throw notA('a chat completion', value);
	}
	const refusal = refusalOf(message.refusal);
	if (refusal !== undefined) throw refusedError(refusal);
	return value as XaiCompletion;
}

/**
 * Builds the same object the non-streaming API returns from SSE chunks: content and reasoning
 * deltas are concatenated per choice; the usage chunk (sent last, with no choices) is kept. A
 * stream is whole only when xAI gave its finish reason.
 */
export class CompletionAssembler implements StreamAssembler<XaiCompletion> {
	private completion: XaiCompletion | undefined;

	add({ data }: SseEvent): string | undefined {
		if (data === '[DONE]') return undefined;
		if (!isObject(data) || !Array.isArray(data.choices)) {
			throw notA('a chat completion chunk', data);
		}
		const chunk = data as unknown as XaiCompletion & {
			choices: Array<{ index: number; delta?: IDataObject; finish_reason?: string | null }>;
		};
		const completion = (this.completion ??= {
			id: chunk.id,
			object: 'chat.completion',
			created: chunk.created,
			model: chunk.model,
			choices: [],
		});
		if (chunk.system_fingerprint) completion.system_fingerprint = chunk.system_fingerprint;
		if (chunk.usage) completion.usage = chunk.usage;
		let text: string | undefined;
		for (const { index, delta = {}, finish_reason } of chunk.choices) {
			const choice = (completion.choices[index] ??= {
				index,
				message: { role: 'assistant', content: null },
				finish_reason: null,
			});
			const { role, content, reasoning_content, refusal } = delta;
			if (typeof role === 'string') choice.message.role = role;
			if (typeof content === 'string' && content) {
				choice.message.content = (choice.message.content ?? '') + content;
				if (index === 0) text = content;
			}
			if (typeof reasoning_content === 'string' && reasoning_content) {
				choice.message.reasoning_content =
					(choice.message.reasoning_content ?? '') + reasoning_content;
			}
			if (typeof refusal === 'string' && refusal) {
				choice.message.refusal = (choice.message.refusal ?? '') + refusal;
			}
			if (finish_reason) choice.finish_reason = finish_reason;
		}
		return text;
	}

	get text(): string {
		return this.completion?.choices[0]?.message.content ?? '';
	}

	result(): XaiCompletion {
		const completion = this.completion;
		if (!completion?.choices[0]?.finish_reason) {
			throw unfinishedStreamError(completion !== undefined, this.text);
		}
		return checkCompletion(completion);
	}
}
