/**
 * Grok Batch's reading of xAI's replies against a server whose every answer the test writes:
 * error messages that are not text, the batch's cost, and what a listing past its bounds says.
 */
import type { IDataObject } from 'n8n-workflow';

import { startHostile, type Hostile } from '../../fake-xai/hostile';
import { runBatch, sendJson } from './run-batch';
import type { NodeRun } from '../../helpers/run-node';

let hostile: Hostile;
beforeAll(async () => {
	hostile = await startHostile();
});
afterAll(async () => await hostile.close());

const run = async (parameters: IDataObject): Promise<NodeRun> =>
	await runBatch(parameters, {
		apiKey: 'xai-Batch-Replies-Key-0123456789',
		baseUrl: hostile.url,
	});
const messagesOf = (outcome: NodeRun) =>
	outcome.errors.map((item) => String((item.json.error as IDataObject).message));

describe('results that are not what xAI promised', () => {
	it('shows an error_message object as its JSON text, not "[object Object]"', async () => {
		hostile.answer((req, res) => {
			if (!req.url!.includes('/results')) {
				return sendJson(res, { batch_id: 'b', state: { num_requests: 1, num_pending: 0 } });
			}
			sendJson(res, {
				results: [
					{
						batch_request_id: 'item-0',
						batch_result: { error: { code: 3, message: { why: 'bad' } } },
						error_message: { detail: 'quota' },
					},
				],
				pagination_token: null,
			});
		});
		const outcome = await run({ operation: 'getResults', batchId: 'b' });
		expect(messagesOf(outcome)).toEqual([expect.stringContaining('{"detail":"quota"}')]);
		expect(messagesOf(outcome)[0]).not.toContain('[object Object]');
	});

	it('says how many results a completed batch lacks and that repeats were output once', async () => {
		hostile.answer((req, res) => {
			if (!req.url!.includes('/results')) {
				return sendJson(res, { batch_id: 'b', state: { num_requests: 3, num_pending: 0 } });
			}
			const done = {
				batch_request_id: 'item-7',
				batch_result: { error: { code: 3, message: 'bad line' } },
			};
			sendJson(res, { results: [done, done], pagination_token: null });
		});
		const outcome = await run({ operation: 'getResults', batchId: 'b' });
		const messages = messagesOf(outcome);
		expect(messages).toHaveLength(2);
		expect(messages[1]).toMatch(/no result for 2 of its 3 requests/);
		expect(messages[1]).toMatch(/1 listed twice/);
		// item-7 is past item-2: Submit left items out, so the missing ones cannot be named.
		expect(messages[1]).not.toMatch(/item-0/);
	});

	it('stops at empty pages whose token never ends, saying so', async () => {
		let pages = 0;
		hostile.answer((req, res) => {
			if (!req.url!.includes('/results')) {
				return sendJson(res, { batch_id: 'b', state: { num_requests: 2, num_pending: 0 } });
			}
			pages += 1;
			sendJson(res, { results: [], pagination_token: `t${pages}` });
		});
		const outcome = await run({ operation: 'getResults', batchId: 'b' });
		expect(pages).toBe(3);
		expect(outcome.success).toEqual([]);
		expect(messagesOf(outcome)[0]).toMatch(/3 pages for the 2 requests of the batch/);
	});
});
