import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { GrokBatch } from '../../../nodes/GrokBatch/GrokBatch.node';
import { useFakeXai } from '../../helpers/fake-xai';
import { chatParameters, runGrokChat, type RunOptions } from '../../helpers/run-node';
import { batchNode } from './run-batch';

const API_KEY = 'xai-canary-9b1d7e3c5a20f4';
const grokBatch = new GrokBatch();

const fakeXai = useFakeXai(undefined, (fake) =>
	Object.assign(fake.batches.settings, { polls: 2, ms: 0, expireMs: 24 * 60 * 60 * 1000 }),
);
let fake: ReturnType<typeof fakeXai>;
beforeEach(() => {
	fake = fakeXai();
});

const run = async (
	parameters: IDataObject,
	options: Omit<RunOptions, 'credentials' | 'parameters'> = {},
) =>
	await runGrokChat({
		onError: 'continueErrorOutput',
		...options,
		parameters,
		node: { type: grokBatch, node: batchNode(parameters) },
		credentials: { apiKey: API_KEY, baseUrl: fake.url },
	});

const rows = (texts: string[]): INodeExecutionData[] => texts.map((text) => ({ json: { text } }));
const submitParameters = (extra: IDataObject = {}) => ({
	operation: 'submit',
	...chatParameters('={{ $json.text }}', extra),
});
const getResults = (batchId: string, extra: IDataObject = {}) =>
	run({ operation: 'getResults', batchId, ...extra });

async function submit(texts: string[], extra: IDataObject = {}) {
	const result = await run(submitParameters(extra), { items: rows(texts) });
	expect(result.executionStatus).toBe('success');
	return result;
}

/** Polls as a Wait-node loop would, until the batch is finished; returns that run. */
async function collect(batchId: string, extra: IDataObject = {}) {
	for (let poll = 0; poll < 10; poll++) {
		const result = await getResults(batchId, extra);
		if (result.success[0]?.json.status !== 'processing') return result;
	}
	throw new Error('the batch never finished');
}

function uploadedLines(): Array<{
	custom_id: string;
	method: string;
	url: string;
	body: IDataObject;
}> {
	const file = [...fake.batches.files.values()].at(-1);
	return (file?.content ?? '').split('\n').map((line) => JSON.parse(line));
}

describe('Grok Batch: Submit', () => {
	it('uploads one chat request per item, built as Grok Chat builds it, and outputs one item for the batch', async () => {
		const result = await submit(['one', 'two', 'three'], {
			options: { maxTokens: 50, temperature: 0.2, responseFormat: 'json_object' },
			batchName: 'tickets',
		});
		expect(result.success).toHaveLength(1);
		expect(result.success[0].json).toMatchObject({
			batchId: expect.stringMatching(/^batch_/),
			status: 'processing',
			finished: false,
			requestCount: 3,
			pending: 3,
			name: 'tickets',
			fileId: expect.any(String),
			expiresAt: expect.any(String),
		});
		expect(result.success[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(uploadedLines()).toEqual(
			['one', 'two', 'three'].map((text, index) => ({
				custom_id: `item-${index}`,
				method: 'POST',
				url: '/v1/chat/completions',
				body: {
					model: 'grok-3',
					messages: [{ role: 'user', content: text }],
					max_completion_tokens: 50,
					temperature: 0.2,
					response_format: { type: 'json_object' },
				},
			})),
		);
		const upload = fake.requests.find((r) => r.path === '/files');
		expect(upload?.headers['content-type']).toMatch(/^multipart\/form-data/);
		expect(upload?.headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(fake.requests.find((r) => r.path === '/batches')?.body).toEqual({
			name: 'tickets',
			input_file_id: result.success[0].json.fileId,
		});
	});

	it("sends a single stop sequence as xAI's schema has it, an array", async () => {
		await submit(['one'], { options: { stop: 'END' } });
		expect(uploadedLines()[0].body.stop).toEqual(['END']);
		await submit(['two'], { options: { stop: ['END', 'STOP'] } });
		expect(uploadedLines()[0].body.stop).toEqual(['END', 'STOP']);
	});

	it('fails bad items before the upload, naming item and field, and batches the rest', async () => {
		const result = await run(
			{
				operation: 'submit',
				...chatParameters('={{ $json.text }}', {
					messages: {
						values: [
							{ role: 'user', content: '={{ $json.text }}', imageUrls: '={{ $json.image }}' },
						],
					},
				}),
			},
			{
				items: [
					{ json: { text: 'fine' } },
					{ json: { text: 'bad image', image: 'ftp://example.com/a.png' } },
					{ json: { text: '' } },
					{ json: { text: 'also fine' } },
				],
			},
		);
		expect(result.errors.map((item) => item.json.error)).toEqual([
			expect.objectContaining({
				message: expect.stringMatching(/^Item 1, Message 0 › Image URLs: /),
				itemIndex: 1,
			}),
			expect.objectContaining({
				message: 'Item 2, Message 0 › Text: enter the text of the message',
				itemIndex: 2,
			}),
		]);
		expect(result.errors.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(result.success[0].json.requestCount).toBe(2);
		expect(result.success[0].pairedItem).toEqual([{ item: 0 }, { item: 3 }]);
		expect(uploadedLines().map((line) => line.custom_id)).toEqual(['item-0', 'item-3']);
	});

	it('uploads nothing when every item is bad', async () => {
		const result = await run(submitParameters(), { items: rows(['', ' ']) });
		expect(result.success).toEqual([]);
		expect(result.errors).toHaveLength(2);
		expect(fake.requests).toEqual([]);
	});

	it('fails every item it was to carry when xAI refuses the batch, without the key', async () => {
		const result = await runGrokChat({
			onError: 'continueErrorOutput',
			parameters: {},
			items: rows(['a', 'b']),
			node: { type: grokBatch, node: batchNode(submitParameters()) },
			credentials: { apiKey: 'bad-key-0123456789', baseUrl: fake.url },
		});
		expect(result.errors).toHaveLength(2);
		expect(result.errors[0].json.error).toMatchObject({
			status: 400,
			description: 'Check the API key in the xAI Grok API credential',
		});
		// The fake quotes the wrong key whole, as a careless proxy would: the node masks it.
		expect(result.errors[0].json.error).toMatchObject({
			message:
				'xAI error 400: Incorrect API key provided: ***. You can obtain an API key from https://console.x.ai.',
		});
		expect(fake.requests[0].headers.authorization).toBe('Bearer bad-key-0123456789');
		expect(JSON.stringify(result.run)).not.toContain('bad-key-0123456789');
	});

	it('stops the workflow on a bad item under "Stop Workflow", before any upload', async () => {
		const result = await run(submitParameters(), {
			items: rows(['ok', '']),
			onError: 'stopWorkflow',
		});
		expect(result.executionStatus).toBe('error');
		expect(result.error?.message).toBe('Item 1, Message 0 › Text: enter the text of the message');
		expect(fake.requests).toEqual([]);
	});
});

describe('Grok Batch: Get Results', () => {
	it('says the batch is still at work, with its counts, until it is finished', async () => {
		const { batchId } = (await submit(['a', 'b', 'c', 'd'])).success[0].json as { batchId: string };
		fake.batches.settings.polls = 4;
		const first = await getResults(batchId);
		expect(first.success).toEqual([
			{
				json: expect.objectContaining({
					batchId,
					status: 'processing',
					finished: false,
					requestCount: 4,
					pending: 3,
					succeeded: 1,
					failed: 0,
				}),
				pairedItem: { item: 0 },
			},
		]);
	});

	it('returns one item per request in the submitted order, simplified as Grok Chat does, failures on the error output', async () => {
		const texts = Array.from({ length: 250 }, (_, i) =>
			i % 50 === 7 ? `row ${i} [fail:400]` : `row ${i}`,
		);
		const { batchId } = (await submit(texts)).success[0].json as { batchId: string };
		const result = await collect(batchId);
		expect(result.executionStatus).toBe('success');

		const failedIndexes = texts.flatMap((text, i) => (text.includes('[fail') ? [i] : []));
		expect(result.success.map((item) => item.json.itemIndex)).toEqual(
			texts.map((_, i) => i).filter((i) => !failedIndexes.includes(i)),
		);
		expect(result.success[0].json).toEqual({
			batchId,
			customId: 'item-0',
			itemIndex: 0,
			content: 'Grok reply to: row 0',
			finishReason: 'stop',
			model: 'grok-3',
			usage: expect.objectContaining({ prompt_tokens: 2, completion_tokens: 5 }),
			costUsd: expect.any(Number),
			id: expect.any(String),
		});
		// Half the price of the same tokens outside a batch: (2 × 2000 + 5 × 10000) / 2 ticks.
		expect(result.success[0].json.costUsd).toBeCloseTo(27_000 / 1e10, 15);

		expect(result.errors.map((item) => item.json.error)).toEqual(
			failedIndexes.map((itemIndex) =>
				expect.objectContaining({
					message: 'xAI error 400: Bad request: the request is malformed.',
					status: 400,
					itemIndex,
					customId: `item-${itemIndex}`,
					batchId,
				}),
			),
		);
		// 250 results at 100 a page: three pages, each after the token of the one before.
		const pages = fake.requests.filter((r) => r.path.endsWith('/results'));
		expect(pages).toHaveLength(3);
	});

	it('keeps the key out of results whose errors quote it, and out of a wrong-key poll', async () => {
		const { batchId } = (await submit(['fine', 'leak [echo-key]'])).success[0].json as {
			batchId: string;
		};
		const result = await collect(batchId);
		// The fake answers the [echo-key] line with the Authorization header the batch came with.
		expect(fake.batches.batches.get(batchId)?.results).toContainEqual(
			expect.objectContaining({ error_message: `Rejected Bearer ${API_KEY}` }),
		);
		expect(result.success).toHaveLength(1);
		expect(result.errors.map((item) => item.json.error)).toEqual([
			expect.objectContaining({
				message: 'xAI error 401: Rejected Bearer ***',
				customId: 'item-1',
			}),
		]);
		expect(JSON.stringify(result.run)).not.toContain(API_KEY);

		const wrongKey = 'bad-key-batch-7e3c5a20';
		const wrong = await runGrokChat({
			onError: 'continueErrorOutput',
			parameters: {},
			node: { type: grokBatch, node: batchNode({ operation: 'getResults', batchId }) },
			credentials: { apiKey: wrongKey, baseUrl: fake.url },
		});
		expect(wrong.errors[0].json.error).toMatchObject({
			message:
				'xAI error 400: Incorrect API key provided: ***. You can obtain an API key from https://console.x.ai.',
		});
		expect(JSON.stringify(wrong.run)).not.toContain(wrongKey);
	});

	it("parses JSON replies when told the response format, and can return xAI's whole completion", async () => {
		const { batchId } = (await submit(['x'], { options: { responseFormat: 'json_object' } }))
			.success[0].json as { batchId: string };
		const parsed = await collect(batchId, { options: { responseFormat: 'json_object' } });
		expect(parsed.success[0].json.content).toEqual({ answer: 'Grok reply to: x' });
		const raw = await getResults(batchId, { simplify: false });
		expect(raw.success[0].json).toMatchObject({
			itemIndex: 0,
			object: 'chat.completion',
			choices: [
				expect.objectContaining({ message: expect.objectContaining({ role: 'assistant' }) }),
			],
		});
	});

	it('waits for completion when asked, polling at the interval', async () => {
		const { batchId } = (await submit(['a', 'b'])).success[0].json as { batchId: string };
		fake.batches.settings.polls = 3;
		const started = Date.now();
		const result = await getResults(batchId, {
			waitForCompletion: true,
			pollInterval: 1,
			maxWait: 1,
		});
		expect(result.success.map((item) => item.json.content)).toEqual([
			'Grok reply to: a',
			'Grok reply to: b',
		]);
		expect(fake.requests.filter((r) => r.path === `/batches/${batchId}`)).toHaveLength(3);
		expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
	});

	it('stops waiting at once when the execution is cancelled', async () => {
		const { batchId } = (await submit(['a'])).success[0].json as { batchId: string };
		fake.batches.settings.polls = 1000;
		const started = Date.now();
		const result = await runGrokChat({
			parameters: {},
			node: {
				type: grokBatch,
				node: batchNode({
					operation: 'getResults',
					batchId,
					waitForCompletion: true,
					pollInterval: 30,
				}),
			},
			credentials: { apiKey: API_KEY, baseUrl: fake.url },
			onStart: (execution) => setTimeout(() => execution.cancel(), 300),
		});
		expect(Date.now() - started).toBeLessThan(5000);
		expect(result.run.status).toBe('canceled');
	});

	it('reports a batch that expired before it was done, with the results it has', async () => {
		fake.batches.settings.expireMs = 3000;
		fake.batches.settings.polls = 2;
		const submitted = (await submit(['a', 'b', 'c', 'd'])).success[0].json;
		const batchId = submitted.batchId as string;
		await getResults(batchId); // half of it is done
		const expiresAt = Date.parse(submitted.expiresAt as string);
		await new Promise((resolve) => setTimeout(resolve, expiresAt - Date.now() + 100));
		const result = await getResults(batchId);
		expect(result.success).toHaveLength(2);
		expect(result.errors.map((item) => item.json.error)).toEqual([
			expect.objectContaining({
				message: 'The batch expired before 2 of its 4 requests were processed: they have no result',
				batchId,
				unprocessed: 2,
			}),
		]);
	});

	it("fails an item whose batch xAI does not know, with xAI's message", async () => {
		const result = await getResults('batch_nope');
		expect(result.errors[0].json.error).toMatchObject({
			message: 'xAI error 404: Batch batch_nope not found',
			status: 404,
		});
	});

	it('refuses an item without a Batch ID before any request', async () => {
		const result = await getResults('={{ $json.batchId }}');
		expect(result.errors[0].json.error).toMatchObject({
			message: 'Item 0, Batch ID: enter the ID of a batch, e.g. {{ $json.batchId }}',
		});
		expect(fake.requests).toEqual([]);
	});
});

describe('Grok Batch: Cancel', () => {
	it('cancels the pending requests; Get Results then sends them to the error output', async () => {
		const { batchId } = (await submit(['a', 'b', 'c', 'd'])).success[0].json as { batchId: string };
		await getResults(batchId); // half of it is done
		const cancelled = await run({ operation: 'cancel', batchId });
		expect(cancelled.success[0].json).toMatchObject({
			batchId,
			status: 'cancelled',
			finished: true,
			succeeded: 2,
			cancelled: 2,
			pending: 0,
			cancelledAt: expect.any(String),
		});
		expect(fake.requests.at(-1)).toMatchObject({
			method: 'POST',
			path: `/batches/${batchId}:cancel`,
		});

		const result = await getResults(batchId);
		expect(result.success).toHaveLength(2);
		expect(result.errors.map((item) => item.json.error)).toEqual([
			expect.objectContaining({
				message: 'The request was cancelled with the batch: The request was cancelled',
			}),
			expect.objectContaining({
				message: 'The request was cancelled with the batch: The request was cancelled',
			}),
		]);
	});
});
