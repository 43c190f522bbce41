/**
 * Grok Batch in a real n8n 1.x, installed from the packed tarball as users install community
 * packages: 1,000 rows go out as one batch, a Wait -> Get Results -> If loop collects them, and
 * they come back in order, the failed requests on the error output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startFakeXai, type FakeXai } from '../fake-xai/server';
import { N8nHost, packPackage, ROOT, VERSIONS } from '../../scripts/lib/n8n-host';
import { outputs, readWorkflow, task, type RawRun } from './run-data';

const ROWS = 1000;
const FAILING = Array.from({ length: ROWS }, (_, i) => i).filter((i) => i % 97 === 13);

describe.each(VERSIONS.filter(({ major }) => major === 1))(
	'Grok Batch in real n8n $version',
	(version) => {
		let fake: FakeXai;
		let n8n: N8nHost;
		let run: RawRun;

		beforeAll(async () => {
			fake = await startFakeXai({ batch: { polls: 3 } });
			n8n = new N8nHost(version);
			await n8n.install(packPackage());
			const credentials = JSON.parse(
				readFileSync(join(ROOT, 'test/e2e/credentials.template.json'), 'utf8')
					.split('{{FAKE_XAI_URL}}')
					.join(fake.url),
			);
			await n8n.import('credentials', credentials);
			await n8n.import('workflow', readWorkflow('batch'));
			run = await n8n.execute('grokE2eBatch');
		}, 900_000);

		afterAll(async () => {
			await n8n?.stop();
			await fake?.close();
		});

		it('submits the 1,000 rows as one batch of 1,000 requests in a single upload', () => {
			expect(run.data.resultData.error).toBeUndefined();
			const [submitted] = outputs(run, 'Submit Batch');
			expect(submitted).toHaveLength(1);
			expect(submitted[0].json).toMatchObject({ requestCount: ROWS, status: 'processing' });
			expect(fake.requests.filter((r) => r.path === '/files')).toHaveLength(1);
			expect(fake.requests.filter((r) => r.path === '/batches')).toHaveLength(1);
			expect(fake.chatRequests()).toHaveLength(0);
		});

		it('loops through Wait until the batch is done, then writes every answer back to its row in order', () => {
			const getRuns = run.data.resultData.runData['Get Results'];
			expect(getRuns).toHaveLength(3);
			const [written] = outputs(run, 'Write Back');
			const expected = Array.from({ length: ROWS }, (_, i) => i).filter(
				(i) => !FAILING.includes(i),
			);
			expect(written.map((item) => item.json.row)).toEqual(expected);
			expect(written[0].json).toMatchObject({ row: 0, answer: 'Grok reply to: row 0' });
			expect(
				written.every((item) => item.json.answer === `Grok reply to: row ${item.json.row}`),
			).toBe(true);
			expect(written.every((item) => item.json.costUsd > 0)).toBe(true);
		});

		it("sends the failed requests to the error output with xAI's message and their row", () => {
			const lastRun = run.data.resultData.runData['Get Results'].length - 1;
			const failed = run.data.resultData.runData['Get Results'][lastRun].data?.main[1] ?? [];
			expect(failed.map((item) => item.json.error.itemIndex)).toEqual(FAILING);
			expect(failed[0].json.error).toMatchObject({
				message: 'xAI error 400: Bad request: the request is malformed.',
				status: 400,
				customId: `item-${FAILING[0]}`,
			});
			expect(task(run, 'Failed Requests').executionStatus).toBe('success');
			// Row 110 is "[echo-key]": the fake's error for it quotes the Authorization header.
			expect(failed.find((item) => item.json.error.itemIndex === 110)?.json.error.message).toBe(
				'xAI error 401: Rejected Bearer ***',
			);
			expect(JSON.stringify(run)).not.toContain('xai-e2e-canary-7c41d9');
		});
	},
);
