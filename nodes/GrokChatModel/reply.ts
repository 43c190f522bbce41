/**
 * xAI's response -> what the agent reads: the answer's text (with the cited sources appended when
 * asked), the function calls as tool calls, the finish reason and the token usage. Pure.
 */
import type {
	FinishReason,
	GenerateResult,
	MessageContent,
	StreamChunk,
	TokenUsage,
} from '@n8n/ai-node-sdk';

import { costUsdOf } from '../shared/cost';
import { isObject } from '../shared/json';
import type { Citation, XaiResponse } from '../shared/xai/responses/types';
import { citationsOf } from '../shared/xai/responses/citations';
import { finishReason, outputText } from '../shared/xai/responses/reply';
import { serverToolCallsOf } from '../shared/xai/responses/serverToolCalls';

export interface FunctionCall {
	call_id: string;
	name: string;
	arguments: string;
}

/** The `function_call` items: the agent's tools the model asks to run. */
export function functionCallsOf(response: XaiResponse): FunctionCall[] {
	return response.output.filter(isObject).flatMap((item) =>
		item.type === 'function_call' && typeof item.name === 'string'
			? [
					{
						call_id: String(item.call_id ?? item.id ?? ''),
						name: item.name,
						arguments: typeof item.arguments === 'string' ? item.arguments : '{}',
					},
				]
			: [],
	);
}

/** The cited sources as a numbered list of Markdown links, in xAI's order ('' when none). */
export function sourcesText(citations: Citation[]): string {
	if (citations.length === 0) return '';
	const lines = citations.map(
		({ url, title }, index) => `${index + 1}. ${title ? `[${title}](${url})` : url}`,
	);
	return `\n\nSources:\n${lines.join('\n')}`;
}

/** What the answer gets appended: its sources, once the model answers instead of calling tools. */
export function appendixOf(response: XaiResponse, appendSources: boolean): string {
	if (!appendSources || functionCallsOf(response).length > 0) return '';
	return sourcesText(citationsOf(response));
}

const FINISH: Record<string, FinishReason> = {
	stop: 'stop',
	length: 'length',
	content_filter: 'content-filter',
};

export function finishOf(response: XaiResponse): FinishReason {
	if (functionCallsOf(response).length > 0) return 'tool-calls';
	return FINISH[finishReason(response)] ?? 'other';
}

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** xAI's usage as the SDK counts tokens; the cost (USD) rides along as additional metadata. */
export function usageOf(response: XaiResponse): TokenUsage | undefined {
	const usage = response.usage;
	if (!isObject(usage)) return undefined;
	const promptTokens = count(usage.input_tokens);
	const completionTokens = count(usage.output_tokens);
	const cached = isObject(usage.input_tokens_details)
		? usage.input_tokens_details.cached_tokens
		: 0;
	const reasoning = isObject(usage.output_tokens_details)
		? usage.output_tokens_details.reasoning_tokens
		: 0;
	const costUsd = costUsdOf(usage);
	return {
		promptTokens,
		completionTokens,
		totalTokens: count(usage.total_tokens) || promptTokens + completionTokens,
		inputTokenDetails: { cacheRead: count(cached) },
		outputTokenDetails: { reasoning: count(reasoning) },
		...(costUsd !== undefined && { additionalMetadata: { costUsd } }),
	};
}

/** What n8n keeps beside the message (LangChain's response_metadata): IDs, cost, sources. */
export function metadataOf(response: XaiResponse): Record<string, unknown> {
	const costUsd = costUsdOf(response.usage);
	return {
		responseId: response.id,
		...(costUsd !== undefined && { costUsd }),
		citations: citationsOf(response),
		serverToolCalls: serverToolCallsOf(response),
	};
}

export function toGenerateResult(response: XaiResponse, appendSources: boolean): GenerateResult {
	const text = outputText(response) + appendixOf(response, appendSources);
	const content: MessageContent[] = text ? [{ type: 'text', text }] : [];
	for (const call of functionCallsOf(response)) {
		content.push({
			type: 'tool-call',
			toolCallId: call.call_id,
			toolName: call.name,
			input: call.arguments,
		});
	}
	return {
		id: response.id,
		finishReason: finishOf(response),
		usage: usageOf(response),
		message: { role: 'assistant', id: response.id, content },
		providerMetadata: metadataOf(response),
	};
}

/** The chunks that close a stream: the sources, then the finish with the usage. */
export function closingChunks(response: XaiResponse, appendSources: boolean): StreamChunk[] {
	const appendix = appendixOf(response, appendSources);
	return [
		...(appendix ? [{ type: 'text-delta' as const, delta: appendix }] : []),
		{ type: 'finish', finishReason: finishOf(response), usage: usageOf(response) },
	];
}
