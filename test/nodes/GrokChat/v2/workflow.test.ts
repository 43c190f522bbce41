/** Grok Chat version 2 (xAI's Responses API) in a workflow, against the fake xAI server. */
import type { IDataObject } from 'n8n-workflow';

import { startFakeXai, type FakeXai } from '../../../fake-xai/server';
import { chatParameters, runGrokChat, type RunOptions } from '../../../helpers/run-node';

const API_KEY = 'xai-v2-canary-8d41';

let fake: FakeXai;
beforeAll(async () => {
	fake = await startFakeXai();
});
afterAll(async () => await fake.close());
beforeEach(() => fake.reset());

const run = async (options: Omit<RunOptions, 'credentials' | 'version'>) =>
	await runGrokChat({
		...options,
		version: 2,
		credentials: { apiKey: API_KEY, baseUrl: fake.url },
	});

const ask = (text: string, extra: IDataObject = {}) =>
	chatParameters(text, { model: { __rl: true, mode: 'id', value: 'grok-4' }, ...extra });

describe('Grok Chat version 2 in a workflow', () => {
	it('sends a Responses request, with store off unless asked for', async () => {
		const result = await run({
			parameters: ask('Hi', {
				messages: {
					values: [
						{ role: 'developer', content: 'Be brief' },
						{ role: 'user', content: 'Hi', imageUrls: 'https://example.com/a.png' },
					],
				},
				options: { maxTokens: 200, reasoningEffort: 'low', serviceTier: 'priority' },
			}),
		});
		expect(result.executionStatus).toBe('success');
		const [request] = fake.responsesRequests();
		expect(request.path).toBe('/responses');
		expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(request.body).toEqual({
			model: 'grok-4',
			input: [
				{ role: 'developer', content: 'Be brief' },
				{
					role: 'user',
					content: [
						{ type: 'input_text', text: 'Hi' },
						{ type: 'input_image', image_url: 'https://example.com/a.png', detail: 'auto' },
					],
				},
			],
			max_output_tokens: 200,
			reasoning: { effort: 'low' },
			service_tier: 'priority',
			store: false,
			stream: false,
		});
		expect(result.success[0].json).toMatchObject({
			content: 'Grok reply to: Hi (saw 1 image)',
			finishReason: 'stop',
			model: 'grok-4',
			citations: [],
			serverToolCalls: [],
		});
		expect(fake.chatRequests()).toEqual([]);
	});

	it('searches the web and X: citations once each, the tool calls, and the cost in USD', async () => {
		const result = await run({
			parameters: ask('Latest on Grok', {
				builtInTools: {
					webSearch: { excludedDomains: 'spam.com' },
					xSearch: { allowedHandles: '@xai', fromDate: '2025-01-01' },
				},
			}),
		});
		expect(fake.responsesRequests()[0].body.tools).toEqual([
			{ type: 'web_search', excluded_domains: ['spam.com'] },
			{ type: 'x_search', allowed_x_handles: ['xai'], from_date: '2025-01-01' },
		]);
		const json = result.success[0].json;
		expect(json.content).toMatch(
			/^Grok reply to: Latest on Grok \[\[1\]\]\(https:\/\/example.com\/a\)/,
		);
		expect(json.citations).toEqual([
			{ url: 'https://example.com/a' },
			{ url: 'https://news.example.org/b' },
			{ url: 'https://x.com/i/status/1' },
		]);
		expect(json.serverToolCalls).toEqual([
			{ type: 'web_search', query: 'Latest on Grok', status: 'completed' },
			{
				type: 'x_search',
				name: 'x_keyword_search',
				query: 'Latest on Grok',
				arguments: { query: 'Latest on Grok', limit: 10, mode: 'Latest', from_date: '2025-01-01' },
				status: 'completed',
			},
		]);
		const ticks = (json.usage as IDataObject).cost_in_usd_ticks as number;
		expect(ticks).toBeGreaterThan(100_000_000); // two tool calls at 0.005 USD each
		expect(json.costUsd).toBe(ticks / 1e10);
		expect(json.responseId).toBe(json.id);
	});

	it('runs code and returns the response as xAI sent it when Simplify is off', async () => {
		const result = await run({
			parameters: ask('Count me', { builtInTools: { codeExecution: true }, simplify: false }),
		});
		const json = result.success[0].json;
		expect(fake.responsesRequests()[0].body.tools).toEqual([{ type: 'code_interpreter' }]);
		expect(json).toMatchObject({ object: 'response', status: 'completed', store: false });
		expect((json.output as IDataObject[]).map((item) => item.type)).toEqual([
			'code_interpreter_call',
			'message',
		]);
	});

	it('continues a stored conversation with Previous Response ID', async () => {
		const first = await run({ parameters: ask('My name is Ann', { options: { store: true } }) });
		const id = first.success[0].json.responseId as string;
		expect(fake.responsesRequests()[0].body.store).toBe(true);

		const second = await run({
			parameters: ask('What is my name?', { options: { previousResponseId: id } }),
		});
		expect(second.success[0].json.content).toBe(
			`Grok reply to: What is my name? (continuing ${id}, turn 2)`,
		);
		expect(fake.responsesRequests()[1].body).toMatchObject({
			previous_response_id: id,
			store: false,
		});
	});

	it('returns an incomplete reply with its text and finish reason "length"', async () => {
		const result = await run({ parameters: ask('Go on [incomplete]') });
		expect(result.success[0].json).toMatchObject({
			content: 'Grok reply to: Go on',
			finishReason: 'length',
		});
	});

	it('parses a JSON Schema reply', async () => {
		const result = await run({
			parameters: ask('Answer', {
				options: {
					responseFormat: 'json_schema',
					jsonSchema: '{"type":"object","properties":{"answer":{"type":"string"}}}',
				},
			}),
		});
		expect(result.success[0].json.content).toEqual({ answer: 'Grok reply to: Answer' });
		expect(fake.responsesRequests()[0].body.text.format).toMatchObject({
			type: 'json_schema',
			strict: true,
		});
	});

	it('retries a rate-limited request', async () => {
		const result = await run({ parameters: ask('Busy [fail:429:once]') });
		expect(result.success[0].json.content).toBe('Grok reply to: Busy');
		expect(fake.responsesRequests()).toHaveLength(2);
	});

	it('fails an item with bad tool settings before any request', async () => {
		const result = await run({
			parameters: ask('Hi', {
				builtInTools: { webSearch: { allowedDomains: 'a.com,b.com,c.com,d.com,e.com,f.com' } },
			}),
			onError: 'continueErrorOutput',
		});
		expect(result.success).toEqual([]);
		expect(result.errors[0].json.error).toMatchObject({
			message:
				'Item 0, Built-in Tools › Web Search › Allowed Domains: at most 5 domains, but there are 6',
			description: 'Nothing was sent to xAI for this item',
		});
		expect(fake.requests).toEqual([]);
	});

	it("reports xAI's refusal of a request", async () => {
		const result = await run({
			parameters: ask('Hi', {
				model: { __rl: true, mode: 'id', value: 'grok-3-mini' },
				options: { reasoningEffort: 'medium' },
			}),
			onError: 'continueErrorOutput',
		});
		expect(result.errors[0].json.error).toMatchObject({
			message: 'xAI error 400: Model grok-3-mini does not support reasoning effort "medium".',
			status: 400,
		});
	});
});
