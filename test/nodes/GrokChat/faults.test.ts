/**
 * Bulk runs through n8n's engine against a fake xAI that fails a seeded share of requests: every
 * item comes out once, in order, and the requests xAI saw are exactly what the retry policy allows.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startFakeXai, type FakeXai, type RecordedRequest } from '../../fake-xai/server';
import { chatParameters, runGrokChat } from '../../helpers/run-node';

let fake: FakeXai;
beforeAll(async () => {
	fake = await startFakeXai();
});
afterAll(async () => await fake.close());
beforeEach(() => {
	fake.reset();
	fake.setFaults(undefined);
	fake.latencyMs = 0;
});

const credentials = () => ({ apiKey: 'xai-fault-test', baseUrl: fake.url });
const questions = (count: number): INodeExecutionData[] =>
	Array.from({ length: count }, (_, i) => ({ json: { text: `question ${i}` } }));
const parameters = (options: IDataObject) => chatParameters('={{ $json.text }}', { options });

const RETRYABLE = new Set(['429', '500', '503', 'reset']);
const STATUS: Record<string, number> = { 429: 429, 500: 500, 503: 503 };

describe('fault injection', () => {
	it('brings every one of 600 items out once, in order, with exactly the retries the policy allows', async () => {
		const maxRetries = 3;
		fake.setFaults(
			{ 429: 0.05, 500: 0.03, 503: 0.02, reset: 0.02, hang: 0.01 },
			{ seed: 42, retryAfterMs: 20 },
		);
		const items = questions(600);
		const result = await runGrokChat({
			parameters: parameters({ concurrency: 16, maxRetries, timeout: 1500 }),
			items,
			credentials: credentials(),
			onError: 'continueErrorOutput',
		});

		const byPrompt = new Map<string, RecordedRequest[]>();
		for (const request of fake.chatRequests()) {
			const prompt = request.body.messages[0].content as string;
			byPrompt.set(prompt, [...(byPrompt.get(prompt) ?? []), request]);
		}
		const out = [...result.success, ...result.errors].sort(
			(a, b) => (a.pairedItem as { item: number }).item - (b.pairedItem as { item: number }).item,
		);
		expect(out.map((item) => (item.pairedItem as { item: number }).item)).toEqual(
			items.map((_, i) => i),
		);
		// Each output keeps input order.
		for (const output of [result.success, result.errors]) {
			const order = output.map((item) => (item.pairedItem as { item: number }).item);
			expect(order).toEqual([...order].sort((a, b) => a - b));
		}

		let expectedRequests = 0;
		out.forEach((item, index) => {
			const attempts = (byPrompt.get(`question ${index}`) ?? []).map(
				(request) => request.fault ?? 'ok',
			);
			expectedRequests += attempts.length;
			const last = attempts[attempts.length - 1];
			// Every attempt but the last failed in a way worth a retry.
			expect(attempts.slice(0, -1).every((fault) => RETRYABLE.has(fault))).toBe(true);
			if (last === 'ok') {
				expect(item.json.content).toBe(`Grok reply to: question ${index}`);
				expect(attempts.length).toBeLessThanOrEqual(maxRetries + 1);
			} else if (last === 'hang') {
				expect((item.json.error as IDataObject).message).toBe('The request to xAI timed out');
			} else {
				expect(attempts).toHaveLength(maxRetries + 1);
				const error = item.json.error as IDataObject;
				if (last === 'reset') expect(error.message).toMatch(/^Could not reach xAI/);
				else expect(error.status).toBe(STATUS[last]);
			}
		});
		expect(fake.chatRequests()).toHaveLength(expectedRequests);
		const faults = fake.chatRequests().filter((request) => request.fault).length;
		expect(faults).toBeGreaterThan(40); // the fault mode really was on
		expect(result.success.length).toBeGreaterThan(550);
	}, 120_000);

	it('gives the same outputs with concurrency 1 and 16', async () => {
		const items = questions(40).map((item, i) =>
			i % 7 === 3 ? { json: { text: `bad ${i} [fail:403-policy]` } } : item,
		);
		const runWith = async (concurrency: number) => {
			const { success, errors } = await runGrokChat({
				parameters: parameters({ concurrency, maxRetries: 0 }),
				items,
				credentials: credentials(),
				onError: 'continueErrorOutput',
			});
			const strip = (list: INodeExecutionData[]) =>
				list.map(({ json, pairedItem }) => ({ json: { ...json, id: undefined }, pairedItem }));
			return { success: strip(success), errors: strip(errors) };
		};
		fake.latencyMs = 5;
		const sequential = await runWith(1);
		const parallel = await runWith(16);
		expect(parallel).toEqual(sequential);
		expect(sequential.errors).toHaveLength(6);
	});

	it('sends no request after the execution is cancelled, and aborts those in flight', async () => {
		fake.latencyMs = 40;
		let cancelledAt = 0;
		const watcher: { timer?: NodeJS.Timeout } = {};
		const started = Date.now();
		await runGrokChat({
			parameters: parameters({ concurrency: 4 }),
			items: questions(300),
			credentials: credentials(),
			onError: 'continueErrorOutput',
			onStart: (execution) => {
				watcher.timer = setInterval(() => {
					if (fake.chatRequests().length >= 20 && !cancelledAt) {
						cancelledAt = Date.now();
						execution.cancel();
					}
				}, 2);
			},
		});
		clearInterval(watcher.timer);
		await new Promise((done) => setTimeout(done, 300)); // anything still coming would arrive now
		expect(cancelledAt).toBeGreaterThan(0);
		// A request sent just before the cancel may reach the fake a little later on a loaded
		// machine; without the cancel, requests would go on arriving for seconds.
		const late = fake.chatRequests().filter((request) => request.at > cancelledAt + 100);
		expect(late).toEqual([]);
		expect(fake.chatRequests().length).toBeLessThan(30);
		expect(Date.now() - started).toBeLessThan(5000);
	});
});
