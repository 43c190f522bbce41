/**
 * Grok Batch against a server whose every answer the test writes (issue 19): result pages that
 * repeat or never end, IDs that would normalise to other paths, a submit whose reply is lost,
 * JSONL that splits where Python's splitlines() would, waits bounded by Max Wait.
 */
import type { IDataObject } from 'n8n-workflow';

import { startHostile, type Hostile } from '../../fake-xai/hostile';
import { runBatch, sendJson } from './run-batch';
import { chatParameters, type NodeRun } from '../../helpers/run-node';

const KEY = 'xai-Batch-Hostile-Key-0123456789';
let hostile: Hostile;
beforeAll(async () => {
	hostile = await startHostile();
});
afterAll(async () => await hostile.close());

const run = async (parameters: IDataObject, items = [{ json: {} }]): Promise<NodeRun> =>
	await runBatch(parameters, { apiKey: KEY, baseUrl: hostile.url }, items);
const errorOf = (result: NodeRun, index = 0) => result.errors[index]?.json.error as IDataObject;

const completedBatch = (requests: number) => ({
	batch_id: 'batch_1',
	state: { num_requests: requests, num_pending: 0, num_success: requests, num_error: 0 },
});
const result = (index: number) => ({
	batch_request_id: `item-${index}`,
	batch_result: {
		response: {
			chat_get_completion: {
				id: `c${index}`,
				object: 'chat.completion',
				created: 1,
				model: 'grok-4.3',
				choices: [
					{
						index: 0,
						message: { role: 'assistant', content: `answer ${index}` },
						finish_reason: 'stop',
					},
				],
			},
		},
	},
});

describe('Get Results does not trust the pages blindly', () => {
	it('pages that go on past the number of requests end with an error, not 100,000 items', async () => {
		let page = 0;
		hostile.answer((req, res) => {
			if (!req.url!.includes('/results')) return sendJson(res, completedBatch(3));
			page += 1;
			sendJson(res, { results: [result(page % 3)], pagination_token: `t${page}` });
		});
		const outcome = await run({ operation: 'getResults', batchId: 'batch_1' });
		expect(outcome.success.length).toBeLessThanOrEqual(3);
		expect(page).toBeLessThan(20);
		expect(errorOf(outcome)?.message).toMatch(/more results than|3 requests/);
	});

	it('a repeated result and missing ones are an error naming them, not a silent duplicate', async () => {
		const pages = [[result(0), result(1)], [result(1)], []];
		let page = 0;
		hostile.answer((req, res) => {
			if (!req.url!.includes('/results')) return sendJson(res, completedBatch(4));
			const current = pages[page++] ?? [];
			sendJson(res, {
				results: current,
				pagination_token: page < pages.length ? `t${page}` : null,
			});
		});
		const outcome = await run({ operation: 'getResults', batchId: 'batch_1' });
		const indexes = outcome.success.map((item) => item.json.itemIndex);
		expect(indexes).toEqual([0, 1]);
		const messages = outcome.errors.map((item) => String((item.json.error as IDataObject).message));
		expect(messages.join('\n')).toMatch(/item-2|2 of its 4/);
	});
});

describe('IDs that would name another path are refused before any request', () => {
	it.each(['..', '.', 'a/b', 'batch 1\nX-Evil: 1'])('Batch ID %j', async (batchId) => {
		hostile.answer((_req, res) => sendJson(res, completedBatch(1)));
		const outcome = await run({ operation: 'getResults', batchId });
		expect(hostile.requests).toEqual([]);
		expect(errorOf(outcome).message).toContain('Batch ID');
	});
});

describe('a request that starts a billed job is never silently sent twice', () => {
	it('Submit does not re-send POST /batches after its reply was lost, and says a batch may exist', async () => {
		hostile.answer((req, res) => {
			if (req.url!.endsWith('/files')) return sendJson(res, { id: 'file_1' });
			req.socket.destroy();
		});
		const outcome = await run({ operation: 'submit', ...chatParameters('Hi') });
		const creates = hostile.requests.filter(
			(r) => r.method === 'POST' && r.url!.endsWith('/batches'),
		);
		expect(creates).toHaveLength(1);
		expect(`${errorOf(outcome).message} ${errorOf(outcome).description}`).toMatch(
			/may have (started|been created)/,
		);
	});

	it('Submit does not re-send POST /batches after a 500', async () => {
		hostile.answer((req, res) => {
			if (req.url!.endsWith('/files')) return sendJson(res, { id: 'file_1' });
			sendJson(res, { code: 'Internal', error: 'boom' }, 500);
		});
		await run({ operation: 'submit', ...chatParameters('Hi') });
		const creates = hostile.requests.filter(
			(r) => r.method === 'POST' && r.url!.endsWith('/batches'),
		);
		expect(creates).toHaveLength(1);
	});
});

describe('JSONL lines', () => {
	it('carry U+2028, U+2029 and NEL escaped, so no line reader splits them', async () => {
		hostile.answer((req, res) => {
			if (req.url!.endsWith('/files')) return sendJson(res, { id: 'file_1' });
			sendJson(res, { batch_id: 'batch_1', state: { num_requests: 2, num_pending: 2 } });
		});
		await run({ operation: 'submit', ...chatParameters('={{ $json.text }}') }, [
			{ json: { text: 'one\u2028two' } },
			{ json: { text: 'three\u2029four\u0085five' } },
		]);
		const upload = hostile.requests.find((r) => r.url!.endsWith('/files'))!;
		const body = String(upload.body);
		const jsonl = body.slice(body.indexOf('{"custom_id"'), body.lastIndexOf('}') + 1);
		expect(jsonl.split(/\r\n|[\n\r\u2028\u2029\u0085\v\f\u001c\u001d\u001e]/)).toHaveLength(2);
	});
});

describe('waits end when they say', () => {
	it('a Poll Interval past what a timer can hold is refused before any request', async () => {
		hostile.answer((_req, res) =>
			sendJson(res, { batch_id: 'batch_1', state: { num_requests: 1, num_pending: 1 } }),
		);
		const outcome = await run({
			operation: 'getResults',
			batchId: 'batch_1',
			waitForCompletion: true,
			pollInterval: 2_200_000,
			maxWait: 50_000,
		});
		expect(hostile.requests.length).toBeLessThanOrEqual(1);
		expect(errorOf(outcome).message).toContain('Poll Interval');
	});
});
