/**
 * What Grok Chat makes of replies at the edge of xAI's contract (issues 19 and 20): a finished
 * stream ends the item even if the connection stays open; unfinished, refused or oddly priced
 * responses are never silent successes; the host's environment does not travel to xAI.
 */
import type { IDataObject } from 'n8n-workflow';

import { chunk, sseData, sseHead, startHostile, type Hostile } from '../../fake-xai/hostile';
import { chatParameters, runGrokChat, type NodeRun } from '../../helpers/run-node';
import { completion, sendJson } from './xaiReplies';

const KEY = 'xai-Replies-Secret-Key-0123456789';
let hostile: Hostile;
beforeAll(async () => {
	hostile = await startHostile();
});
afterAll(async () => await hostile.close());

async function run(version: 1 | 2, options: IDataObject = {}): Promise<NodeRun> {
	return await runGrokChat({
		parameters: chatParameters('What is the answer?', { options: { maxRetries: 0, ...options } }),
		version,
		credentials: { apiKey: KEY, baseUrl: hostile.url },
		onError: 'continueErrorOutput',
	});
}
const errorOf = (result: NodeRun) => result.errors[0]?.json.error as IDataObject;

const response = (fields: IDataObject, content: IDataObject[] = []) => ({
	id: 'resp_1',
	object: 'response',
	created_at: 1,
	model: 'grok-4.3',
	output: content.length
		? [{ type: 'message', id: 'msg_1', role: 'assistant', status: 'completed', content }]
		: [],
	usage: { input_tokens: 5, output_tokens: 2, total_tokens: 7 },
	...fields,
});
const text = (value: string) => ({ type: 'output_text', text: value, annotations: [] });
/** The stream event of a text delta of the reply's message (msg_1). */
const textDelta = (delta: string, fields: IDataObject = {}) => ({
	type: 'response.output_text.delta',
	sequence_number: 1,
	item_id: 'msg_1',
	output_index: 0,
	content_index: 0,
	delta,
	...fields,
});

describe('a finished stream ends the item at once, even if the connection stays open', () => {
	it('version 1: [DONE] ends the item; the reply is whole, not cut off at the Timeout', async () => {
		hostile.answer((_req, res) => {
			sseHead(res);
			res.write(chunk({ role: 'assistant', content: 'The answer is 42' }));
			res.write(chunk({}, 'stop'));
			res.write('data: [DONE]\n\n');
			// and the connection is never closed
		});
		const started = Date.now();
		const result = await run(1, { stream: true, timeout: 4000 });
		expect(result.errors).toEqual([]);
		expect(result.success[0].json.content).toBe('The answer is 42');
		expect(Date.now() - started).toBeLessThan(3000);
	});

	it('version 2: response.completed ends the item', async () => {
		const completed = response({ status: 'completed' }, [text('Forty-two')]);
		hostile.answer((_req, res) => {
			sseHead(res);
			res.write(
				sseData({
					type: 'response.created',
					sequence_number: 0,
					response: { ...completed, status: 'in_progress', output: [] },
				}),
			);
			res.write(sseData(textDelta('Forty-two')));
			res.write(sseData({ type: 'response.completed', sequence_number: 2, response: completed }));
		});
		const started = Date.now();
		const result = await run(2, { stream: true, timeout: 4000 });
		expect(result.errors).toEqual([]);
		expect(result.success[0].json.content).toBe('Forty-two');
		expect(Date.now() - started).toBeLessThan(3000);
	});

	it('version 2: an event carrying "error": null is not an error', async () => {
		const completed = response({ status: 'completed' }, [text('Fine')]);
		hostile.answer((_req, res) => {
			sseHead(res);
			res.write(sseData(textDelta('Fine', { error: null })));
			res.write(
				sseData({
					type: 'response.completed',
					sequence_number: 2,
					response: { ...completed, error: null },
				}),
			);
			res.end();
		});
		const result = await run(2, { stream: true });
		expect(result.errors).toEqual([]);
		expect(result.success[0].json.content).toBe('Fine');
	});
});

describe('version 2: a response that is not finished is not a success', () => {
	it.each(['in_progress', 'queued', 'cancelled'])(
		'status %s is an item error naming it',
		async (status) => {
			hostile.answer((_req, res) => sendJson(res, response({ status })));
			const result = await run(2);
			expect(result.success).toEqual([]);
			expect(errorOf(result).message).toContain(status);
		},
	);

	it('a response without a status gives no "undefined" finish reason', async () => {
		hostile.answer((_req, res) => sendJson(res, response({}, [text('Hello')])));
		const result = await run(2);
		expect(result.errors).toEqual([]);
		expect(result.success[0].json.content).toBe('Hello');
		expect(result.success[0].json).not.toHaveProperty('finishReason');
	});

	it('a response without a status or output is an item error', async () => {
		hostile.answer((_req, res) => sendJson(res, response({})));
		const result = await run(2);
		expect(result.success).toEqual([]);
		expect(errorOf(result).message).toContain('no status and no output');
	});

	it('status failed without an error object is an item error', async () => {
		hostile.answer((_req, res) => sendJson(res, response({ status: 'failed', error: null })));
		const result = await run(2);
		expect(result.success).toEqual([]);
		expect(errorOf(result).message).toContain('the response failed');
	});
});

describe('refusals are surfaced, never an empty success', () => {
	it('version 2: a refusal content part fails the item with xAI refusal text', async () => {
		hostile.answer((_req, res) =>
			sendJson(
				res,
				response({ status: 'completed' }, [
					{ type: 'refusal', refusal: 'I cannot help with that.' },
				]),
			),
		);
		const result = await run(2);
		expect(result.success).toEqual([]);
		expect(errorOf(result).message).toContain('I cannot help with that.');
	});

	it('version 1: message.refusal fails the item with its text', async () => {
		hostile.answer((_req, res) =>
			sendJson(res, completion({ content: null, refusal: 'No, sorry.' })),
		);
		const result = await run(1);
		expect(result.success).toEqual([]);
		expect(errorOf(result).message).toContain('No, sorry.');
	});
});

describe('streamed refusals are surfaced too', () => {
	it('version 1: refusal deltas fail the item with their text', async () => {
		hostile.answer((_req, res) => {
			sseHead(res);
			res.write(chunk({ role: 'assistant', refusal: 'No, ' }));
			res.write(chunk({ refusal: 'sorry.' }, 'stop'));
			res.end('data: [DONE]\n\n');
		});
		const result = await run(1, { stream: true });
		expect(result.success).toEqual([]);
		expect(errorOf(result).message).toContain('No, sorry.');
	});

	it('version 2: a refusal in the completed response fails the item', async () => {
		const refused = response({ status: 'completed' }, [{ type: 'refusal', refusal: 'Not this.' }]);
		hostile.answer((_req, res) => {
			sseHead(res);
			res.end(sseData({ type: 'response.completed', response: refused }));
		});
		const result = await run(2, { stream: true });
		expect(result.success).toEqual([]);
		expect(errorOf(result).message).toContain('Not this.');
	});
});

describe('costs', () => {
	it.each([-1e10, 1e300])('ticks of %s give no costUsd', async (ticks) => {
		hostile.answer((_req, res) =>
			sendJson(
				res,
				response(
					{
						status: 'completed',
						usage: { input_tokens: 1, output_tokens: 1, cost_in_usd_ticks: ticks },
					},
					[text('Hi')],
				),
			),
		);
		const result = await run(2);
		expect(result.success[0].json.content).toBe('Hi');
		expect(result.success[0].json).not.toHaveProperty('costUsd');
	});

	it.each([-1e10, 1e300, 1.5])('version 1: ticks of %s give no costUsd', async (ticks) => {
		hostile.answer((_req, res) =>
			sendJson(
				res,
				completion(
					{ content: 'Hi' },
					{ usage: { prompt_tokens: 1, completion_tokens: 1, cost_in_usd_ticks: ticks } },
				),
			),
		);
		const result = await run(1);
		expect(result.success[0].json.content).toBe('Hi');
		expect(result.success[0].json).not.toHaveProperty('costUsd');
	});

	it('a whole number of ticks is the cost in US dollars', async () => {
		const usage = { input_tokens: 1, output_tokens: 1, cost_in_usd_ticks: 25_000_000 };
		hostile.answer((_req, res) =>
			sendJson(res, response({ status: 'completed', usage }, [text('Hi')])),
		);
		const result = await run(2);
		expect(result.success[0].json.costUsd).toBe(0.0025);
	});
});

describe("the host's environment does not travel to xAI", () => {
	it('sends no openai-organization, openai-project or x-stainless-* headers', async () => {
		process.env.OPENAI_ORG_ID = 'org-host-secret';
		process.env.OPENAI_PROJECT_ID = 'proj-host-secret';
		try {
			hostile.answer((_req, res) => sendJson(res, response({ status: 'completed' }, [text('Hi')])));
			const result = await run(2);
			expect(result.success).toHaveLength(1);
			const headers = Object.keys(hostile.requests[0].headers);
			expect(headers.filter((name) => /^(openai-|x-stainless)/.test(name))).toEqual([]);
		} finally {
			delete process.env.OPENAI_ORG_ID;
			delete process.env.OPENAI_PROJECT_ID;
		}
	});
});
