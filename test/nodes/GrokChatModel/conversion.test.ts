/** The agent's messages and tools -> a Responses request, and a response -> the agent's result. */
import type { Message } from '@n8n/ai-node-sdk';
import { getParametersJsonSchema } from '@n8n/ai-node-sdk';

import {
	buildRequest,
	modelSettings,
	toResponsesInput,
} from '../../../nodes/GrokChatModel/request';
import { sourcesText, toGenerateResult } from '../../../nodes/GrokChatModel/reply';
import type { XaiResponse } from '../../../nodes/shared/xai/responses/types';

const calculator = {
	type: 'function' as const,
	name: 'calculator',
	description: 'Useful for getting the result of a math expression',
	inputSchema: {
		$schema: 'http://json-schema.org/draft-07/schema#',
		type: 'object' as const,
		properties: { input: { type: 'string' as const } },
	},
};

const conversation: Message[] = [
	{ role: 'system', content: [{ type: 'text', text: 'You are a helpful assistant' }] },
	{ role: 'user', content: [{ type: 'text', text: 'What is 6 * 7?' }] },
	{
		role: 'assistant',
		content: [
			{
				type: 'tool-call',
				toolCallId: 'call_1',
				toolName: 'calculator',
				input: '{"input":"6 * 7"}',
			},
		],
	},
	{ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', result: '42' }] },
];

describe('Grok Chat Model: the agent -> xAI', () => {
	it('sends the conversation as input items: messages, function calls and their outputs by call_id', () => {
		expect(toResponsesInput(conversation)).toEqual([
			{ role: 'system', content: 'You are a helpful assistant' },
			{ role: 'user', content: 'What is 6 * 7?' },
			{
				type: 'function_call',
				call_id: 'call_1',
				name: 'calculator',
				arguments: '{"input":"6 * 7"}',
			},
			{ type: 'function_call_output', call_id: 'call_1', output: '42' },
		]);
	});

	it("sends a call's arguments back as the model wrote them, without the id n8n's agent adds", () => {
		const call = (input: string) =>
			toResponsesInput([
				{
					role: 'assistant',
					content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'f', input }],
				},
			]);
		expect(call('{"input":"1","id":"c1"}')).toMatchObject([{ arguments: '{"input":"1"}' }]);
		expect(call('{"id":"other"}')).toMatchObject([{ arguments: '{"id":"other"}' }]);
		expect(call('')).toMatchObject([{ arguments: '{}' }]);
	});

	it('sends a tool result that is not text as JSON, and an image file as input_image', () => {
		const input = toResponsesInput([
			{
				role: 'tool',
				content: [{ type: 'tool-result', toolCallId: 'c', result: [{ response: '42' }] }],
			},
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'What is this?' },
					{ type: 'file', mediaType: 'image/png', data: new Uint8Array([1, 2]) },
				],
			},
			{ role: 'assistant', content: [{ type: 'text', text: '' }] },
		]);
		expect(input).toEqual([
			{ type: 'function_call_output', call_id: 'c', output: '[{"response":"42"}]' },
			{
				role: 'user',
				content: [
					{ type: 'input_text', text: 'What is this?' },
					{ type: 'input_image', image_url: 'data:image/png;base64,AQI=' },
				],
			},
		]);
	});

	it("offers the agent's tools as function tools beside the built-in ones, and only the options set", () => {
		const settings = modelSettings({
			model: 'grok-4',
			builtInTools: { webSearch: { allowedDomains: 'example.com' } },
			options: { maxTokens: 500, reasoningEffort: 'high', timeout: 5000, maxRetries: 1 },
		});
		expect(settings.call).toEqual({ timeoutMs: 5000, maxRetries: 1 });
		expect(settings.appendSources).toBe(true);
		const body = buildRequest(
			settings.base,
			conversation.slice(1, 2),
			[calculator],
			getParametersJsonSchema,
		);
		expect(body).toEqual({
			model: 'grok-4',
			input: [{ role: 'user', content: 'What is 6 * 7?' }],
			tools: [
				{
					type: 'function',
					name: 'calculator',
					description: 'Useful for getting the result of a math expression',
					parameters: { type: 'object', properties: { input: { type: 'string' } } },
				},
				{ type: 'web_search', allowed_domains: ['example.com'] },
			],
			max_output_tokens: 500,
			reasoning: { effort: 'high' },
			store: false,
		});
		const bare = modelSettings({ model: 'grok-4', options: {} });
		expect(buildRequest(bare.base, conversation.slice(1, 2), [], getParametersJsonSchema)).toEqual({
			model: 'grok-4',
			input: [{ role: 'user', content: 'What is 6 * 7?' }],
			store: false,
		});
	});

	it('refuses bad parameters before any request, naming the field as Grok Chat does', () => {
		expect(() => modelSettings({ model: '', options: {} })).toThrow(/Model/);
		expect(() =>
			modelSettings({
				model: 'grok-4',
				builtInTools: { xSearch: { fromDate: 'tomorrow' } },
				options: {},
			}),
		).toThrow('Built-in Tools › X Search › From Date');
		expect(() => modelSettings({ model: 'grok-4', options: { topP: 3 } })).toThrow('Top P');
	});
});

const response = (output: unknown[], usage?: object): XaiResponse => ({
	id: 'resp_1',
	object: 'response',
	model: 'grok-4',
	status: 'completed',
	output: output as XaiResponse['output'],
	usage: usage as XaiResponse['usage'],
});

describe('Grok Chat Model: xAI -> the agent', () => {
	it("turns function_call items into the agent's tool calls", () => {
		const result = toGenerateResult(
			response([
				{
					type: 'function_call',
					id: 'fc_1',
					call_id: 'call_9',
					name: 'calculator',
					arguments: '{"input":"6 * 7"}',
				},
			]),
			true,
		);
		expect(result.finishReason).toBe('tool-calls');
		expect(result.message.content).toEqual([
			{
				type: 'tool-call',
				toolCallId: 'call_9',
				toolName: 'calculator',
				input: '{"input":"6 * 7"}',
			},
		]);
	});

	it('appends the cited sources to the answer, with tokens and cost as the SDK counts them', () => {
		const url = 'https://example.com/a';
		const result = toGenerateResult(
			response(
				[
					{ type: 'web_search_call', id: 'ws', status: 'completed', action: { query: 'news' } },
					{
						type: 'message',
						content: [
							{
								type: 'output_text',
								text: 'The news [[1]](https://example.com/a)',
								annotations: [
									{ type: 'url_citation', url, title: '1' },
									{ type: 'url_citation', url: 'https://b.example.org/', title: 'B news' },
								],
							},
						],
					},
				],
				{
					input_tokens: 10,
					output_tokens: 5,
					total_tokens: 15,
					input_tokens_details: { cached_tokens: 2 },
					output_tokens_details: { reasoning_tokens: 1 },
					cost_in_usd_ticks: 1_000_000,
				},
			),
			true,
		);
		expect(result.message.content).toEqual([
			{
				type: 'text',
				text: 'The news [[1]](https://example.com/a)\n\nSources:\n1. https://example.com/a\n2. [B news](https://b.example.org/)',
			},
		]);
		expect(result.finishReason).toBe('stop');
		expect(result.usage).toEqual({
			promptTokens: 10,
			completionTokens: 5,
			totalTokens: 15,
			inputTokenDetails: { cacheRead: 2 },
			outputTokenDetails: { reasoning: 1 },
			additionalMetadata: { costUsd: 0.0001 },
		});
		expect(result.providerMetadata).toMatchObject({
			responseId: 'resp_1',
			costUsd: 0.0001,
			serverToolCalls: [{ type: 'web_search', query: 'news', status: 'completed' }],
		});
	});

	it('leaves the sources out when Append Sources is off, and adds nothing when none were cited', () => {
		const message = {
			type: 'message',
			content: [{ type: 'output_text', text: 'Hi', annotations: [] }],
		};
		expect(toGenerateResult(response([message]), true).message.content).toEqual([
			{ type: 'text', text: 'Hi' },
		]);
		expect(sourcesText([])).toBe('');
		const cited = {
			type: 'message',
			content: [
				{
					type: 'output_text',
					text: 'Hi',
					annotations: [{ type: 'url_citation', url: 'https://a.example/' }],
				},
			],
		};
		expect(toGenerateResult(response([cited]), false).message.content).toEqual([
			{ type: 'text', text: 'Hi' },
		]);
	});
});
