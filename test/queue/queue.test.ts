/**
 * Grok Chat on n8n queue mode (main + two workers, Redis, PostgreSQL), proven from the database,
 * the fake xAI server's log and the worker logs, not only from the HTTP replies.
 * Run by scripts/test-queue.sh, which starts Redis and PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { freePort, N8nHost, packPackage, ROOT, VERSIONS } from '../../scripts/lib/n8n-host';
import { startFakeXai, type FakeXai } from '../fake-xai/server';

const dir = process.env.QUEUE_TEST_DIR!;
const redisPort = process.env.QUEUE_TEST_REDIS_PORT!;
const pgPort = process.env.QUEUE_TEST_PG_PORT!;
const BURST = 300;
const PARALLEL = 20;
const WORKFLOW = 'grokQueueWebhook';

const queueEnv = (healthPort?: number): Record<string, string> => ({
	EXECUTIONS_MODE: 'queue',
	QUEUE_BULL_REDIS_HOST: '127.0.0.1',
	QUEUE_BULL_REDIS_PORT: redisPort,
	DB_TYPE: 'postgresdb',
	DB_POSTGRESDB_HOST: '127.0.0.1',
	DB_POSTGRESDB_PORT: pgPort,
	DB_POSTGRESDB_DATABASE: 'n8n',
	DB_POSTGRESDB_USER: 'n8n',
	DB_POSTGRESDB_PASSWORD: 'n8n',
	N8N_ENCRYPTION_KEY: 'grok-queue-shared-key',
	N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
	QUEUE_HEALTH_CHECK_ACTIVE: 'true',
	N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	...(healthPort && { QUEUE_HEALTH_CHECK_PORT: String(healthPort) }),
});

const sql = (query: string) =>
	execFileSync(
		'psql',
		['-h', '127.0.0.1', '-p', pgPort, '-U', 'n8n', '-d', 'n8n', '-At', '-F', '|', '-c', query],
		{
			encoding: 'utf8',
			env: { ...process.env, PGPASSWORD: 'n8n' },
		},
	)
		.trim()
		.split('\n')
		.filter(Boolean);

const redis = (...args: string[]) =>
	execFileSync('redis-cli', ['-p', redisPort, ...args], { encoding: 'utf8' }).trim();

/** The expected reply to a burst question: every 10th is rate-limited, every 15th hits a 500. */
const question = (n: number) =>
	n % 10 === 0 ? `q-${n} [fail:429]` : n % 15 === 0 ? `q-${n} [fail:500]` : `q-${n}`;
const expectedStatus = (n: number) => (n % 10 === 0 ? 429 : n % 15 === 0 ? 500 : 200);

async function startWorker(name: string, tarball: string | undefined, healthPort: number) {
	const worker = new N8nHost(VERSIONS[0], {
		userFolder: join(dir, name),
		env: queueEnv(healthPort),
	});
	await worker.install(tarball);
	const started = worker.start(['worker', '--concurrency=10'], 'n8n worker is now ready');
	appendFileSync(join(dir, 'pids'), `${worker.pid}\n`);
	await started;
	return worker;
}

/** Execution ids a worker's log says it ran. */
const executionsRunBy = (worker: N8nHost) =>
	new Set([...worker.log.matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]));

describe('Grok Chat in n8n queue mode', () => {
	let fake: FakeXai;
	let tarball: string;
	let main: N8nHost;
	const workers: N8nHost[] = [];
	const started = Date.now();

	beforeAll(async () => {
		fake = await startFakeXai();
		tarball = packPackage();
		main = new N8nHost(VERSIONS[0], { userFolder: join(dir, 'main'), env: queueEnv() });
		await main.install(tarball);
		await main.import('credentials', [
			{
				id: 'grokQueueFake',
				name: 'xAI (fake server)',
				type: 'xAiGrokApi',
				data: { apiKey: 'xai-queue-key', baseUrl: fake.url },
			},
		]);
		for (const name of ['webhook', 'probe']) {
			await main.import(
				'workflow',
				JSON.parse(readFileSync(join(ROOT, 'test/queue', `${name}.json`), 'utf8')),
			);
		}
		await main.activate(WORKFLOW);
		await main.activate('grokQueueProbe');
		const ready = main.start();
		appendFileSync(join(dir, 'pids'), `${main.pid}\n`);
		await ready;
	}, 600_000);

	afterAll(async () => {
		for (const worker of workers) await worker.stop();
		await main?.stop();
		await fake?.close();
		console.log(`queue-mode test took ${Math.round((Date.now() - started) / 1000)} s`);
	});

	const post = async (path: string, body: unknown, timeoutMs = 60_000) =>
		await fetch(`${main.url}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});

	it('fails runs with "Unrecognized node type" on a worker without the package (negative control)', async () => {
		const bare = await startWorker('bare-worker', undefined, await freePort());
		try {
			const replies = await Promise.allSettled(
				[1, 2, 3].map(
					async (n) => await post('grok-queue-probe', { question: `probe ${n}` }, 20_000),
				),
			);
			expect(
				replies.every((reply) => reply.status === 'rejected' || reply.value.status !== 200),
			).toBe(true);
			const rows = sql(`SELECT status FROM execution_entity WHERE "workflowId" = 'grokQueueProbe'`);
			expect(rows).toHaveLength(3);
			expect(rows.every((status) => status === 'error' || status === 'crashed')).toBe(true);
			expect(bare.log).toMatch(/Unrecognized node type: n8n-nodes-xai-grok\.grokChat/);
			expect(
				fake.chatRequests().filter((r) => r.body.messages[0].content.startsWith('probe')),
			).toHaveLength(0);
		} finally {
			await bare.stop();
		}
	});

	it(`runs a burst of ${BURST} webhook requests exactly once each across two workers, losing none when one stops`, async () => {
		workers.push(await startWorker('worker-1', tarball, await freePort()));
		workers.push(await startWorker('worker-2', tarball, await freePort()));
		fake.reset();

		const replies = new Array<{ status: number; body: { answer: string | null; status: number } }>(
			BURST,
		);
		let next = 0;
		let stoppedWorker: Promise<void> | undefined;
		const client = async () => {
			while (next < BURST) {
				const n = next++;
				// Stop one worker a third of the way in: the other must finish the work.
				if (n === Math.floor(BURST / 3)) stoppedWorker = workers[0].stop();
				const response = await post('grok-queue', { question: question(n) });
				replies[n] = {
					status: response.status,
					body: (await response.json()) as (typeof replies)[number]['body'],
				};
			}
		};
		await Promise.all(Array.from({ length: PARALLEL }, client));
		await stoppedWorker;

		// The HTTP replies: one per request, each with what the fake server was told to do.
		replies.forEach((reply, n) => {
			expect(reply.status).toBe(200);
			expect(reply.body.status).toBe(expectedStatus(n));
			if (expectedStatus(n) === 200) expect(reply.body.answer).toBe(`Grok reply to: q-${n}`);
		});

		// The fake xAI server saw every question exactly once.
		const seen = fake.chatRequests().map((r) => r.body.messages[0].content as string);
		expect(seen).toHaveLength(BURST);
		expect(new Set(seen).size).toBe(BURST);

		// The database: one successful execution per request, none left running.
		const rows = sql(`SELECT id, status FROM execution_entity WHERE "workflowId" = '${WORKFLOW}'`);
		expect(rows).toHaveLength(BURST);
		expect(rows.filter((row) => !row.endsWith('|success'))).toEqual([]);

		// The worker logs: every execution ran on a worker, both took part, none ran twice, main ran none.
		const [first, second] = workers.map(executionsRunBy);
		const ids = rows.map((row) => row.split('|')[0]);
		expect(first.size).toBeGreaterThan(0);
		expect(second.size).toBeGreaterThan(0);
		expect([...first].filter((id) => second.has(id))).toEqual([]);
		expect(ids.every((id) => first.has(id) || second.has(id))).toBe(true);
		expect(main.log).not.toMatch(/started execution/i);
		console.log(
			`executions: ${ids.length}; worker-1 ran ${first.size} (stopped mid-burst), worker-2 ran ${second.size}`,
		);

		// Redis holds no job waiting or running.
		expect(redis('LLEN', 'bull:jobs:wait')).toBe('0');
		expect(redis('LLEN', 'bull:jobs:active')).toBe('0');
	});
});
