/** Streaming into n8n: content deltas reach the client as they arrive, the item stays the same. */
import { startFakeXai, type FakeXai } from '../../fake-xai/server';
import { chatParameters, runGrokChat } from '../../helpers/run-node';

let fake: FakeXai;
beforeAll(async () => {
	fake = await startFakeXai();
});
afterAll(async () => await fake.close());
beforeEach(() => fake.reset());

const credentials = () => ({ apiKey: 'xai-stream-test', baseUrl: fake.url });
type Chunk = { type: string; content?: string; metadata: { itemIndex: number }; at: number };

describe('streaming into n8n', () => {
	it('forwards each content delta as it arrives, then returns the assembled item', async () => {
		const chunks: Chunk[] = [];
		const result = await runGrokChat({
			parameters: chatParameters('Tell me about streams [pace:40]', {
				model: { __rl: true, mode: 'id', value: 'grok-3-mini' },
				options: { stream: true },
			}),
			credentials: credentials(),
			onChunk: (chunk) => chunks.push({ ...chunk, at: Date.now() }),
		});
		const text = 'Grok reply to: Tell me about streams';
		expect(result.success[0].json).toMatchObject({
			content: text,
			reasoningContent: expect.any(String),
		});
		expect(chunks[0].type).toBe('begin');
		expect(chunks[chunks.length - 1].type).toBe('end');
		const items = chunks.filter((c) => c.type === 'item');
		expect(items.map((c) => c.content).join('')).toBe(text);
		expect(items.length).toBeGreaterThan(5);
		expect(chunks.every((c) => c.metadata.itemIndex === 0)).toBe(true);
		// Paced at 40 ms a chunk, the deltas arrived over time, not all at the end.
		expect(items[items.length - 1].at - items[0].at).toBeGreaterThan(150);
	});

	it('behaves as without streaming when the run is not a streaming one', async () => {
		const result = await runGrokChat({
			parameters: chatParameters('Hi', { options: { stream: true } }),
			credentials: credentials(),
		});
		expect(result.success[0].json.content).toBe('Grok reply to: Hi');
		expect(fake.chatRequests()[0].body.stream).toBe(true);
	});

	it('sends nothing to the client when the stream option is off', async () => {
		const chunks: Chunk[] = [];
		await runGrokChat({
			parameters: chatParameters('Hi'),
			credentials: credentials(),
			onChunk: (chunk) => chunks.push({ ...chunk, at: Date.now() }),
		});
		expect(chunks).toEqual([]);
		expect(fake.chatRequests()[0].body.stream).toBe(false);
	});
});
