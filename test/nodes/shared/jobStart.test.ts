/**
 * A request that starts a billed job is sent again only when xAI certainly did not accept it; a
 * failure after it may have been accepted says a job may have started, and where to find it.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

import { startHostile, type Hostile } from '../../fake-xai/hostile';
import { XaiRequestError } from '../../../nodes/shared/errors';
import { XaiSession } from '../../../nodes/shared/session';

const KEY = 'xai-JobStart-Secret-Key-0123456789';
const JOB = { howToFind: 'list your batches, or see console.x.ai' };
let hostile: Hostile;
beforeAll(async () => (hostile = await startHostile()));
afterAll(async () => await hostile.close());

async function submit(baseUrl = hostile.url, job: typeof JOB | false = JOB) {
	const session = new XaiSession({ apiKey: KEY, baseUrl }, { concurrency: 1 });
	try {
		const result = await session.send(
			{ method: 'post', path: '/batches', body: { name: 'b' }, fromJson: (value) => value },
			{ timeoutMs: 3000, maxRetries: 2, startsJob: job || undefined },
		);
		return { result, attempts: session.scheduler.attempts };
	} catch (error) {
		return { error: error as Error, attempts: session.scheduler.attempts };
	} finally {
		session.close();
	}
}

describe('requests that start a job', () => {
	it('are not sent again after a lost reply, and say a job may have started', async () => {
		hostile.answer((req) => req.socket.destroy());
		const { error } = await submit();
		expect(hostile.requests).toHaveLength(1);
		expect(error).toBeInstanceOf(XaiRequestError);
		expect(error?.message).toContain('a job may have started');
		expect(error?.message).toContain(JOB.howToFind);
		expect(error?.message).not.toContain(KEY);
	});

	it('are not sent again after a 500', async () => {
		hostile.answer((_req, res) => res.writeHead(500).end('{"error":"internal"}'));
		const { error } = await submit();
		expect(hostile.requests).toHaveLength(1);
		expect(error?.message).toContain('a job may have started');
	});

	it('are sent again after a 429 with Retry-After: xAI refused them', async () => {
		hostile.answer((_req, res, _body, count) => {
			if (count === 1) {
				res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' });
				res.end('{"code":"Too many requests","error":"slow down"}');
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"batch_id":"batch_1"}');
		});
		const { result } = await submit();
		expect(result).toEqual({ batch_id: 'batch_1' });
		expect(hostile.requests).toHaveLength(2);
	});

	it('are sent again when the connection was refused: nothing reached xAI', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const { port } = closed.address() as AddressInfo;
		await new Promise((resolve) => closed.close(resolve));
		const { error, attempts } = await submit(`http://127.0.0.1:${port}/v1`);
		expect(attempts).toBe(3);
		expect(error?.message).not.toContain('a job may have started');
	});

	it('a 4xx that refuses the request says nothing of a job', async () => {
		hostile.answer((_req, res) => res.writeHead(400).end('{"error":"bad name"}'));
		const { error } = await submit();
		expect(hostile.requests).toHaveLength(1);
		expect(error?.message).toBe('bad name');
	});

	it('other requests keep the usual retries after a 500', async () => {
		hostile.answer((_req, res) => res.writeHead(500).end('{"error":"internal"}'));
		const { error } = await submit(hostile.url, false);
		expect(hostile.requests).toHaveLength(3);
		expect(error?.message).not.toContain('a job may have started');
	});
});
