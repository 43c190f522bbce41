/**
 * How Grok Batch's requests are sent (Max Retries, Timeout), what its parameters refuse before any
 * request, what it reads of the batch's cost, and a wait that ends at Max Wait even when a check
 * never answers. Against a server whose every answer the test writes.
 */
import type { IDataObject } from 'n8n-workflow';

import { description as submitDescription } from '../../../nodes/GrokBatch/actions/submit.operation';
import { waitForBatch } from '../../../nodes/GrokBatch/helpers/wait';
import { callSettings } from '../../../nodes/shared/options';
import { XaiSession } from '../../../nodes/shared/session';
import { startHostile, type Hostile } from '../../fake-xai/hostile';
import { runBatch, sendJson } from './run-batch';
import { chatParameters, type NodeRun } from '../../helpers/run-node';

const KEY = 'xai-Batch-Calls-Key-0123456789';
let hostile: Hostile;
beforeAll(async () => {
	hostile = await startHostile();
});
afterAll(async () => await hostile.close());

const run = async (parameters: IDataObject): Promise<NodeRun> =>
	await runBatch(parameters, { apiKey: KEY, baseUrl: hostile.url });
const errorOf = (outcome: NodeRun) => outcome.errors[0]?.json.error as IDataObject;
const processing = (extra: IDataObject = {}) => ({
	batch_id: 'batch_1',
	state: { num_requests: 2, num_pending: 1, num_success: 1 },
	...extra,
});

describe('Max Retries and Timeout, in every operation', () => {
	const fail500 = () =>
		hostile.answer((req, res) => {
			if (req.url!.endsWith('/files')) return sendJson(res, { code: 'Internal', error: 'x' }, 500);
			sendJson(res, { code: 'Internal', error: 'boom' }, 500);
		});

	it.each([
		['submit', chatParameters('Hi')],
		['getResults', { batchId: 'batch_1' }],
		['cancel', { batchId: 'batch_1' }],
	])('%s sends each request once with Max Retries 0', async (operation, extra) => {
		fail500();
		const outcome = await run({ operation, ...extra, options: { maxRetries: 0 } });
		expect(hostile.requests).toHaveLength(1);
		expect(errorOf(outcome).message).toMatch(/500/);
	});

	it('Get Results gives up at its Timeout', async () => {
		hostile.answer(() => undefined);
		const startedAt = Date.now();
		const outcome = await run({
			operation: 'getResults',
			batchId: 'batch_1',
			options: { timeout: 1000, maxRetries: 0 },
		});
		expect(Date.now() - startedAt).toBeLessThan(5000);
		expect(errorOf(outcome).message).toMatch(/timed out/);
	});

	it('refuses a Timeout that is not a whole number of milliseconds, before any request', async () => {
		hostile.answer((_req, res) => sendJson(res, processing()));
		const outcome = await run({ operation: 'cancel', batchId: 'b', options: { timeout: 'x' } });
		expect(hostile.requests).toEqual([]);
		expect(errorOf(outcome).message).toContain('Timeout');
	});
});

describe('parameters refused before any request', () => {
	it('a Batch Name that is not text', async () => {
		hostile.answer((_req, res) => sendJson(res, { id: 'file_1' }));
		const outcome = await run({
			operation: 'submit',
			...chatParameters('Hi'),
			batchName: { a: 1 },
		});
		expect(hostile.requests).toEqual([]);
		expect(errorOf(outcome).message).toContain('Batch Name');
	});

	it('a Max Wait over a day', async () => {
		hostile.answer((_req, res) => sendJson(res, processing()));
		const outcome = await run({
			operation: 'getResults',
			batchId: 'batch_1',
			waitForCompletion: true,
			pollInterval: 60,
			maxWait: 1441,
		});
		expect(hostile.requests).toEqual([]);
		expect(errorOf(outcome).message).toContain('Max Wait');
	});

	it('a Model that is empty (the default now: xAI retires model IDs)', async () => {
		const model = submitDescription.find((property) => property.name === 'model');
		expect(model?.default).toEqual({ mode: 'list', value: '' });
		hostile.answer((_req, res) => sendJson(res, { id: 'file_1' }));
		const outcome = await run({
			operation: 'submit',
			...chatParameters('Hi', { model: { __rl: true, mode: 'id', value: '={{ "" }}' } }),
		});
		expect(hostile.requests).toEqual([]);
		expect(errorOf(outcome).message).toContain('Model');
	});
});

describe("the batch's cost", () => {
	it.each([
		[25_000_000, 0.0025],
		['25000000', 0.0025],
		[-1e10, undefined],
		[1e300, undefined],
		[{ a: 1 }, undefined],
	])('total_cost_usd_ticks %j gives costUsd %j', async (ticks, costUsd) => {
		hostile.answer((_req, res) =>
			sendJson(res, processing({ cost_breakdown: { total_cost_usd_ticks: ticks } })),
		);
		const outcome = await run({ operation: 'getResults', batchId: 'batch_1' });
		expect(outcome.success[0].json.costUsd).toBe(costUsd);
	});
});

describe('Wait for Completion ends at Max Wait', () => {
	const session = () => new XaiSession({ apiKey: KEY, baseUrl: hostile.url }, { concurrency: 1 });

	it('when the first check never answers: an error in Max Wait wording, at Max Wait', async () => {
		hostile.answer(() => undefined);
		const xai = session();
		const startedAt = Date.now();
		try {
			await expect(
				waitForBatch(xai, 'batch_1', callSettings({}), { intervalMs: 100, maxWaitMs: 400 }),
			).rejects.toThrow(/within Max Wait/);
		} finally {
			xai.close();
		}
		expect(Date.now() - startedAt).toBeLessThan(3000);
	});

	it('when a later check never answers: the state of the last answered one, at Max Wait', async () => {
		hostile.answer((_req, res, _body, count) => {
			if (count === 1) sendJson(res, processing());
		});
		const xai = session();
		const startedAt = Date.now();
		try {
			const batch = await waitForBatch(xai, 'batch_1', callSettings({}), {
				intervalMs: 100,
				maxWaitMs: 600,
			});
			expect(batch.state?.num_pending).toBe(1);
		} finally {
			xai.close();
		}
		expect(Date.now() - startedAt).toBeLessThan(3000);
		expect(hostile.requests).toHaveLength(2);
	});
});
