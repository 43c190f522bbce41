import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startFakeXai, type FakeXai } from '../../fake-xai/server';
import { chatParameters, runGrokChat, type RunOptions } from '../../helpers/run-node';

const API_KEY = 'xai-canary-5f0c2e9a7b14d3';

let fake: FakeXai;
beforeAll(async () => {
	fake = await startFakeXai();
});
afterAll(async () => await fake.close());
beforeEach(() => fake.reset());

const run = async (options: Omit<RunOptions, 'credentials'> & { apiKey?: string }) =>
	await runGrokChat({
		...options,
		credentials: { apiKey: options.apiKey ?? API_KEY, baseUrl: fake.url },
	});

const prompts = (texts: string[]): INodeExecutionData[] =>
	texts.map((text) => ({ json: { text } }));
const fromItem = (extra: IDataObject = {}) => chatParameters('={{ $json.text }}', extra);
const withoutIds = (json: IDataObject) => ({ ...json, id: undefined, created: undefined });

describe('Grok Chat in a workflow', () => {
	it('answers every item in input order, each paired with its input', async () => {
		const result = await run({ parameters: fromItem(), items: prompts(['one', 'two', 'three']) });
		expect(result.executionStatus).toBe('success');
		expect(result.success.map((item) => item.json.content)).toEqual([
			'Grok reply to: one',
			'Grok reply to: two',
			'Grok reply to: three',
		]);
		expect(result.success.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(fake.chatRequests().map((r) => r.body.messages[0].content)).toEqual([
			'one',
			'two',
			'three',
		]);
	});

	it('sends exactly the request the parameters describe, with the key as a bearer token', async () => {
		await run({
			parameters: {
				model: { __rl: true, mode: 'list', value: 'grok-3', cachedResultName: 'grok-3' },
				messagesSource: 'define',
				messages: {
					values: [
						{ role: 'system', content: 'Answer in French' },
						{ role: 'developer', content: 'Be brief' },
						{ role: 'user', content: '={{ $json.text }}', name: 'ann' },
					],
				},
				options: { maxTokens: 50, temperature: 0.3, seed: 42, stop: 'END', user: 'u-1' },
			},
			items: prompts(['Hello']),
		});
		const [request] = fake.chatRequests();
		expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(request.body).toEqual({
			model: 'grok-3',
			messages: [
				{ role: 'system', content: 'Answer in French' },
				{ role: 'system', content: 'Be brief' },
				{ role: 'user', content: 'Hello', name: 'ann' },
			],
			max_completion_tokens: 50,
			temperature: 0.3,
			seed: 42,
			stop: 'END',
			user: 'u-1',
			stream: false,
		});
	});

	it('returns the simplified reply with reasoning and usage, or the raw response', async () => {
		const parameters = chatParameters('Why?', {
			model: { __rl: true, mode: 'id', value: 'grok-3-mini' },
		});
		const simple = await run({ parameters });
		expect(simple.success[0].json).toEqual({
			content: 'Grok reply to: Why?',
			reasoningContent: 'Thinking about "Why?" step by step.',
			finishReason: 'stop',
			model: 'grok-3-mini',
			usage: expect.objectContaining({
				prompt_tokens: 1,
				completion_tokens_details: expect.objectContaining({ reasoning_tokens: 6 }),
				prompt_tokens_details: expect.objectContaining({ cached_tokens: 0 }),
			}),
			id: expect.stringMatching(/^chatcmpl-/),
		});
		const raw = await run({ parameters: { ...parameters, simplify: false } });
		expect(raw.success[0].json).toMatchObject({
			object: 'chat.completion',
			model: 'grok-3-mini',
			choices: [
				{
					index: 0,
					message: { role: 'assistant', content: 'Grok reply to: Why?' },
					finish_reason: 'stop',
				},
			],
		});
	});

	it('gives the same output streaming or not, assembling every reasoning fragment', async () => {
		for (const simplify of [true, false]) {
			const parameters = (stream: boolean) =>
				chatParameters('Tell me a long story about streams', {
					model: { __rl: true, mode: 'id', value: 'grok-3-mini' },
					simplify,
					options: { stream },
				});
			const plain = await run({ parameters: parameters(false) });
			const streamed = await run({ parameters: parameters(true) });
			expect(withoutIds(streamed.success[0].json)).toEqual(withoutIds(plain.success[0].json));
		}
		const streamedRequest = fake.chatRequests().find((r) => r.body.stream === true);
		expect(streamedRequest?.body.stream_options).toEqual({ include_usage: true });
	});

	it('sends the Conversation ID as the x-grok-conv-id header, and no header without one', async () => {
		const result = await run({
			parameters: fromItem({ options: { conversationId: '={{ $json.session }}' } }),
			items: [{ json: { text: 'a', session: 'chat-42' } }, { json: { text: 'b', session: ' ' } }],
		});
		expect(result.success).toHaveLength(2);
		const sent = fake
			.chatRequests()
			.map((r) => [r.body.messages[0].content, r.headers['x-grok-conv-id']]);
		expect(sent.sort()).toEqual([
			['a', 'chat-42'],
			['b', undefined],
		]);
	});

	it('refuses a Conversation ID that cannot be sent in a header, before any request', async () => {
		const result = await run({
			parameters: fromItem({ options: { conversationId: '={{ $json.session }}' } }),
			items: [{ json: { text: 'a', session: 'line\nbreak' } }],
			onError: 'continueErrorOutput',
		});
		expect(result.errors[0].json.error).toMatchObject({
			message: expect.stringMatching(
				/^Item 0, Options › Conversation ID: must be at most 256 plain/,
			),
		});
		expect(fake.chatRequests()).toHaveLength(0);
	});

	it('sends images from binary data as data URLs', async () => {
		const pngBytes = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
		const result = await run({
			parameters: chatParameters('', {
				model: { __rl: true, mode: 'id', value: 'grok-4' },
				messages: {
					values: [
						{ role: 'user', content: 'Describe', binaryProperties: 'photo', imageDetail: 'low' },
					],
				},
			}),
			items: [
				{
					json: {},
					binary: {
						photo: { data: pngBytes.toString('base64'), mimeType: 'image/png', fileName: 'p.png' },
					},
				},
			],
		});
		expect(result.success[0].json.content).toBe('Grok reply to: Describe (saw 1 image)');
		expect(fake.chatRequests()[0].body.messages[0].content[1]).toEqual({
			type: 'image_url',
			image_url: { url: `data:image/png;base64,${pngBytes.toString('base64')}`, detail: 'low' },
		});
	});

	it('sends a conversation from JSON', async () => {
		const history = [
			{ role: 'user', content: 'My name is Ann' },
			{ role: 'assistant', content: 'Hello Ann' },
			{ role: 'user', content: 'What is my name?' },
		];
		const result = await run({
			parameters: {
				...chatParameters(''),
				messagesSource: 'json',
				messagesJson: '={{ $json.history }}',
			},
			items: [{ json: { history } }],
		});
		expect(result.success[0].json.content).toBe('Grok reply to: What is my name?');
		expect(fake.chatRequests()[0].body.messages).toEqual(history);
	});

	it('parses a JSON reply, and fails the item with the raw text when it does not parse', async () => {
		const items = prompts(['fine', 'broken [reply:not json]']);
		const result = await run({
			parameters: fromItem({ options: { responseFormat: 'json_object' } }),
			items,
			onError: 'continueErrorOutput',
		});
		expect(result.success.map((i) => i.json.content)).toEqual([{ answer: 'Grok reply to: fine' }]);
		expect(result.errors[0].json.error).toMatchObject({
			message: 'Item 1: The reply is not valid JSON, although the response format asks for JSON',
			rawReply: 'not json',
			itemIndex: 1,
		});
	});
});

describe('Grok Chat errors', () => {
	const failing = [
		['[fail:400]', 400, /check the model's supported parameters/],
		['[fail:401]', 401, /Check the API key/],
		['[fail:403-credits]', 403, /no credits left/],
		['[fail:403-policy]', 403, /rephrase the messages/],
		['[fail:404]', 404, /Unknown model/],
		['[fail:410]', 410, /retired this feature/],
		['[fail:429]', 429, /Rate limited by xAI: try again in 1 s/],
		['[fail:500]', 500, /xAI is unavailable/],
		['[fail:503]', 503, /xAI is unavailable/],
	] as const;

	it('routes each failed item to the error output with status, xAI message and remedy; the rest succeed', async () => {
		const texts = ['ok first', ...failing.map(([directive]) => `boom ${directive}`), 'ok last'];
		const result = await run({
			parameters: fromItem({ options: { maxRetries: 0 } }),
			items: prompts(texts),
			onError: 'continueErrorOutput',
		});
		expect(result.executionStatus).toBe('success');
		expect(result.success.map((i) => i.json.content)).toEqual([
			'Grok reply to: ok first',
			'Grok reply to: ok last',
		]);
		expect(result.success.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: texts.length - 1 },
		]);
		expect(result.errors).toHaveLength(failing.length);
		failing.forEach(([, status, remedy], index) => {
			const { json, pairedItem } = result.errors[index];
			const error = json.error as IDataObject;
			expect(pairedItem).toEqual({ item: index + 1 });
			expect(json.text).toBe(texts[index + 1]); // n8n adds the input item's fields
			expect(error.status).toBe(status);
			expect(error.message).toMatch(new RegExp(`^xAI error ${status}: [A-Z]`));
			expect(error.message).not.toMatch(/"/); // xAI's own text, not the SDK's quoted string
			expect(error.description).toMatch(remedy);
		});
		expect(result.errors[6].json.error).toMatchObject({
			retryAfterSeconds: 1,
			code: 'Too many requests',
		});
		expect(result.errors[1].json.error).toMatchObject({
			message: 'xAI error 401: No API key was provided.',
		});
	});

	it('turns a wrong key into a clear credential error', async () => {
		const result = await run({
			parameters: chatParameters('hi'),
			apiKey: 'bad-key-123456',
			onError: 'continueErrorOutput',
		});
		expect(result.errors[0].json.error).toMatchObject({
			// The fake quotes the key whole, as a careless proxy would: the node masks it.
			message:
				'xAI error 400: Incorrect API key provided: ***. You can obtain an API key from https://console.x.ai.',
			description: 'Check the API key in the xAI Grok API credential',
			status: 400,
			code: 'Client specified an invalid argument',
		});
		expect(JSON.stringify(result.run)).not.toContain('bad-key-123456');
	});

	it('keeps failed items on the main output as error items with "Continue"', async () => {
		const result = await run({
			parameters: fromItem({ options: { maxRetries: 0 } }),
			items: prompts(['a', 'b [fail:500]', 'c']),
			onError: 'continueRegularOutput',
		});
		expect(
			result.success.map((i) => i.json.content ?? (i.json.error as IDataObject).message),
		).toEqual([
			'Grok reply to: a',
			'xAI error 500: The service encountered an internal error.',
			'Grok reply to: c',
		]);
		expect(result.success[1].pairedItem).toEqual({ item: 1 });
	});

	it('fails the node with a NodeApiError naming the item when set to stop', async () => {
		const result = await run({
			parameters: fromItem({ options: { maxRetries: 0, concurrency: 1 } }),
			items: prompts(['a', 'b [fail:403-policy]', 'c']),
		});
		expect(result.executionStatus).toBe('error');
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '403',
			message: expect.stringMatching(/^xAI error 403: Content violates usage guidelines/),
			context: expect.objectContaining({ itemIndex: 1 }),
		});
		// One at a time, nothing after the failed item is sent.
		expect(fake.chatRequests()).toHaveLength(2);
	});

	it('rejects bad input per item before any request, naming the item and the field', async () => {
		const result = await run({
			parameters: chatParameters('', {
				messages: { values: [{ role: 'user', content: 'look', imageUrls: '={{ $json.url }}' }] },
			}),
			items: [{ json: { url: 'https://x.test/a.png' } }, { json: { url: 'ftp://x.test/a.png' } }],
			onError: 'continueErrorOutput',
		});
		expect(result.success).toHaveLength(1);
		expect(result.errors[0].json.error).toMatchObject({
			message:
				'Item 1, Message 0 › Image URLs: "ftp://x.test/a.png" is not an https URL or a data:image/...;base64 URL',
			itemIndex: 1,
		});
		expect(result.errors[0].pairedItem).toEqual({ item: 1 });
		expect(fake.chatRequests()).toHaveLength(1);
	});

	it('fails every item, not none, when the node cannot start under "Continue"', async () => {
		// n8n itself would pass the input items on as if they had succeeded.
		const badOption = await run({
			parameters: fromItem({ options: { concurrency: 0 } }),
			items: prompts(['one', 'two']),
			onError: 'continueErrorOutput',
		});
		expect(badOption.success).toEqual([]);
		expect(badOption.errors.map((item) => [item.pairedItem, item.json.error])).toEqual([
			[{ item: 0 }, { message: 'Options › Concurrency: 0 is not a whole number of at least 1' }],
			[{ item: 1 }, { message: 'Options › Concurrency: 0 is not a whole number of at least 1' }],
		]);
		// As on a queue worker whose encryption key differs from main's.
		const undecryptable = await runGrokChat({
			parameters: fromItem(),
			items: prompts(['one', 'two']),
			credentials: new Error('Credentials could not be decrypted'),
			onError: 'continueRegularOutput',
		});
		expect(undecryptable.success.map((item) => [item.pairedItem, item.json.error])).toEqual([
			[{ item: 0 }, expect.objectContaining({ message: 'Credentials could not be decrypted' })],
			[{ item: 1 }, expect.objectContaining({ message: 'Credentials could not be decrypted' })],
		]);
		expect(fake.chatRequests()).toHaveLength(0);
	});

	it('retries a rate-limited request and then succeeds', async () => {
		const result = await run({
			parameters: fromItem({ options: { maxRetries: 1 } }),
			items: prompts(['x [fail:429:once]']),
		});
		expect(result.success[0].json.content).toBe('Grok reply to: x');
		expect(fake.chatRequests()).toHaveLength(2);
	});

	it('fails an item that takes longer than the timeout with a timeout error', async () => {
		const result = await run({
			parameters: fromItem({ options: { timeout: 1000, maxRetries: 0 } }),
			items: prompts(['slow [hang]', 'fast']),
			onError: 'continueErrorOutput',
		});
		expect(result.errors[0].json.error).toMatchObject({
			message: 'The request to xAI timed out',
			description: expect.stringMatching(/Raise the Timeout option/),
		});
		expect(result.success.map((i) => i.json.content)).toEqual(['Grok reply to: fast']);
	});

	// The fake quotes the key as sent on [echo-key] and on a wrong key, as a careless proxy or
	// logging gateway would: only the node's redaction keeps it out.
	it.each([1, 2])(
		'never lets the API key appear in outputs or errors (version %i)',
		async (version) => {
			const model = { __rl: true, mode: 'id', value: 'grok-4' };
			const parameters = fromItem({ model, options: { maxRetries: 0 } });
			const result = await run({
				version,
				parameters,
				items: prompts([
					'fine',
					'x [fail:401]',
					'k [echo-key]',
					'y [fail:429]',
					...failingDirectives(),
				]),
				onError: 'continueErrorOutput',
			});
			expect(result.success).toHaveLength(1);
			expect(result.errors.map((item) => (item.json.error as IDataObject).message)).toContain(
				'xAI error 401: Rejected Bearer ***',
			);
			const everything = JSON.stringify([result.success, result.errors, result.run]);
			expect(everything).not.toContain(API_KEY);
			const stopped = await run({ version, parameters, items: prompts(['z [echo-key]']) });
			expect(stopped.error?.message).toBe('xAI error 401: Rejected Bearer ***');
			expect(JSON.stringify(stopped.run)).not.toContain(API_KEY);
			expect(stopped.error?.stack ?? '').not.toContain(API_KEY);
			const wrongKey = 'bad-key-canary-5f0c2e9a';
			const wrong = await run({ version, parameters, apiKey: wrongKey, items: prompts(['hi']) });
			expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${wrongKey}`);
			expect(wrong.error?.message).toBe(
				'xAI error 400: Incorrect API key provided: ***. You can obtain an API key from https://console.x.ai.',
			);
			expect(JSON.stringify(wrong.run)).not.toContain(wrongKey);
			expect(wrong.error?.stack ?? '').not.toContain(wrongKey);
		},
	);
});

function failingDirectives() {
	return ['[fail:403-credits]', '[fail:404]', '[fail:500]'].map((d) => `boom ${d}`);
}

describe('structured output', () => {
	const schema = {
		type: 'object',
		properties: { answer: { type: 'string' } },
		required: ['answer'],
		additionalProperties: false,
	};

	it('sends the schema as xAI expects and returns the parsed object; a mismatch is an item error', async () => {
		const result = await run({
			parameters: fromItem({
				options: { responseFormat: 'json_schema', jsonSchema: JSON.stringify(schema) },
			}),
			items: prompts(['capital of France?', 'broken [reply:{"answer": 42}]']),
			onError: 'continueErrorOutput',
		});
		expect(fake.chatRequests()[0].body.response_format).toEqual({
			type: 'json_schema',
			json_schema: { name: 'response', schema, strict: true },
		});
		expect(result.success.map((i) => i.json.content)).toEqual([
			{ answer: 'Grok reply to: capital of France?' },
		]);
		expect(result.errors[0].json.error).toMatchObject({
			message:
				'Item 1: The reply does not match the JSON Schema: $.answer should be string, not number 42',
			rawReply: '{"answer": 42}',
		});
	});
});
