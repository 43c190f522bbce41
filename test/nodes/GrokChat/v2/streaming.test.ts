/** Version 2 streamed: the same item as without streaming, deltas forwarded, cut-offs reported. */
import type { IDataObject } from 'n8n-workflow';

import { startFakeXai, type FakeXai } from '../../../fake-xai/server';
import { chatParameters, runGrokChat, type RunOptions } from '../../../helpers/run-node';

let fake: FakeXai;
beforeAll(async () => {
	fake = await startFakeXai();
});
afterAll(async () => await fake.close());
beforeEach(() => fake.reset());

type Chunk = { type: string; content?: string; metadata: { itemIndex: number }; at: number };

const run = async (options: Omit<RunOptions, 'credentials' | 'version'>) =>
	await runGrokChat({
		...options,
		version: 2,
		credentials: { apiKey: 'xai-v2-stream-test', baseUrl: fake.url },
	});

const ask = (text: string, options: IDataObject = {}, extra: IDataObject = {}) =>
	chatParameters(text, {
		model: { __rl: true, mode: 'id', value: 'grok-3-mini' },
		builtInTools: { webSearch: {}, xSearch: {} },
		options,
		...extra,
	});
const withoutIds = (json: IDataObject) => ({ ...json, id: undefined, responseId: undefined });

describe('Grok Chat version 2 streaming', () => {
	it('gives the same item streamed as whole, citations and reasoning included', async () => {
		const whole = await run({ parameters: ask('Search this') });
		const streamed = await run({ parameters: ask('Search this', { stream: true }) });
		const [wholeRequest, streamedRequest] = fake.responsesRequests();
		expect(wholeRequest.body.stream).toBe(false);
		expect(streamedRequest.body.stream).toBe(true);

		const json = streamed.success[0].json;
		expect(json).toMatchObject({
			reasoningContent: 'Thinking about "Search this" step by step.',
			finishReason: 'stop',
		});
		expect(json.citations).toHaveLength(3);
		expect(withoutIds(json)).toEqual(withoutIds(whole.success[0].json));
	});

	it('gives the same unsimplified response streamed as whole, but for IDs and times', async () => {
		const strip = (json: IDataObject) => ({
			...json,
			id: undefined,
			created_at: undefined,
			completed_at: undefined,
			output: JSON.parse(JSON.stringify(json.output).replace(/0{8}-[0-9a-f-]+/g, 'ID')),
		});
		const whole = await run({ parameters: ask('Raw', {}, { simplify: false }) });
		const streamed = await run({ parameters: ask('Raw', { stream: true }, { simplify: false }) });
		expect(streamed.success[0].json.object).toBe('response');
		expect(strip(streamed.success[0].json)).toEqual(strip(whole.success[0].json));
	});

	it('forwards each text delta to a streaming client: begin, items, end', async () => {
		const chunks: Chunk[] = [];
		const result = await run({
			parameters: ask('Tell me about streams [pace:10]', { stream: true }),
			onChunk: (chunk) => chunks.push({ ...chunk, at: Date.now() }),
		});
		const content = result.success[0].json.content as string;
		expect(content).toMatch(/^Grok reply to: Tell me about streams \[\[1\]\]/);
		expect(chunks[0].type).toBe('begin');
		expect(chunks[chunks.length - 1].type).toBe('end');
		const items = chunks.filter((c) => c.type === 'item');
		expect(items.length).toBeGreaterThan(5);
		expect(items.map((c) => c.content).join('')).toBe(content);
		expect(chunks.every((c) => c.metadata.itemIndex === 0)).toBe(true);
	});

	it('reports a stream cut off before xAI finished, with what had arrived', async () => {
		const result = await run({
			parameters: ask('Break off [cut]', { stream: true, maxRetries: 0 }),
			onError: 'continueErrorOutput',
		});
		expect(result.success).toEqual([]);
		const error = result.errors[0].json.error as IDataObject;
		// The fake drops the connection, which the transport reports; a stream that ends cleanly
		// without response.completed gets the assembler's "the stream ended" (response.test.ts).
		// The fake sends two text deltas of "Grok reply to: Break off" ("Grok ", "repl"), then drops.
		expect(error.rawReply).toBe('Grok repl');
		expect(error.message).toMatch(
			/^xAI stopped after 9 characters: the reply is incomplete \(the connection was lost: .+\)$/,
		);
	});

	it("reports xAI's error in the stream, and tells a streaming client", async () => {
		const chunks: Chunk[] = [];
		const result = await run({
			parameters: ask('Fail midway [stream-error]', { stream: true, maxRetries: 0 }),
			onError: 'continueErrorOutput',
			onChunk: (chunk) => chunks.push({ ...chunk, at: Date.now() }),
		});
		const message =
			'xAI reported an error during the reply: Service temporarily unavailable. The model did not respond to this request.';
		expect(result.errors[0].json.error).toMatchObject({ message });
		expect(chunks.map((c) => c.type)).toEqual(['begin', 'item', 'error']);
		expect(chunks[2].content).toBe(message);
	});

	it("reports xAI's error body sent with HTTP 200 to a whole request", async () => {
		const result = await run({
			parameters: ask('Time out [stream-error]', { maxRetries: 0 }),
			onError: 'continueErrorOutput',
		});
		expect(result.errors[0].json.error).toMatchObject({
			message: 'xAI reported an error during the reply: Timed out waiting for first token',
		});
	});
});
