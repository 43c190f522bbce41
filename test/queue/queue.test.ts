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
	// Long enough for a stopped worker to finish the runs it has taken.
	N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '30',
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

async function waitUntil(condition: () => boolean, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	while (!condition() && Date.now() < deadline) await new Promise((done) => setTimeout(done, 250));
}

/** How many times the fake xAI server was asked burst question `n`. */
const timesAsked = (fakeXai: FakeXai, n: number) =>
	fakeXai.chatRequests().filter((r) => r.body.messages[0].content === question(n)).length;

/** What the database, xAI and the worker logs know about the runs of some questions. */
function diagnose(questions: number[], replies: unknown[], fakeXai: FakeXai, workers: N8nHost[]) {
	return questions
		.map((n) => {
			const runs = sql(
				`SELECT e.id, e.status, e.finished, e."startedAt", e."stoppedAt" FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id WHERE d.data LIKE '%"q-${n}%'`,
			);
			const asked = timesAsked(fakeXai, n);
			const logLines = runs.flatMap((run) => {
				const id = run.split('|')[0];
				return workers.flatMap((worker, w) =>
					worker.log
						.split('\n')
						.filter((line) => new RegExp(`\\b${id}\\b`).test(line))
						.map((line) => `worker-${w + 1}: ${line}`),
				);
			});
			return [
				`q-${n}: reply ${JSON.stringify(replies[n])}, xAI asked ${asked}x, runs ${JSON.stringify(runs)}`,
				...logLines,
			].join('\n  ');
		})
		.join('\n');
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
			const probeRuns = () =>
				sql(`SELECT id, status FROM execution_entity WHERE "workflowId" = 'grokQueueProbe'`).map(
					(row) => row.split('|'),
				);
			const failed = (status: string) => ['error', 'crashed'].includes(status);
			// The worker records the failure just after main has answered. n8n sometimes misses the
			// worker's "job failed" event: main then never answers, and the run stays "running" until
			// main's queue recovery; either way the run did not succeed.
			for (let wait = 0; wait < 25 && !probeRuns().every(([, s]) => failed(s)); wait++) {
				await new Promise((done) => setTimeout(done, 200));
			}
			const rows = probeRuns();
			expect(rows).toHaveLength(3);
			expect(rows.filter(([, status]) => !failed(status) && status !== 'running')).toEqual([]);
			const ranOnBare = executionsRunBy(bare);
			expect(rows.filter(([id]) => !ranOnBare.has(id))).toEqual([]);
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

		type Reply = {
			status: number;
			body: { answer: string | null; status: number; error?: string | null };
		};
		const replies = new Array<Reply>(BURST);
		const stopAt = Math.floor(BURST / 3);
		let next = 0;
		let stoppedWorker: Promise<void> | undefined;
		const ask = async (n: number): Promise<Reply> => {
			try {
				const response = await post('grok-queue', { question: question(n) }, 30_000);
				return { status: response.status, body: (await response.json()) as Reply['body'] };
			} catch {
				return { status: 0, body: { answer: null, status: 0 } }; // no reply in 30 s
			}
		};
		const client = async () => {
			while (next < BURST) {
				const n = next++;
				// Stop one worker a third of the way in: the other must finish the work.
				if (n === stopAt) stoppedWorker = workers[0].stop();
				replies[n] = await ask(n);
			}
		};
		await Promise.all(Array.from({ length: PARALLEL }, client));
		await stoppedWorker;

		// n8n 1.123's worker can mishandle a run it holds while shutting down (seen: no reply at all,
		// or "Cannot use a pool after calling end on the pool" when Grok Chat loads its credential,
		// which the node then reports as the item's error), n8n's issue, not the node's. A client
		// retries a failed request, and so does this test, once, but only when xAI never saw the
		// question, so nothing runs twice. Any other wrong reply is tolerated only next to the stop
		// and only if xAI answered that question exactly once (the work was done, once); the
		// diagnosis is printed.
		const right = (reply: Reply, n: number) =>
			reply.status === 200 &&
			reply.body.status === expectedStatus(n) &&
			(expectedStatus(n) !== 200 || reply.body.answer === `Grok reply to: q-${n}`);
		const retried: number[] = [];
		const casualties: number[] = [];
		for (const [n, reply] of replies.entries()) {
			if (right(reply, n)) continue;
			if (timesAsked(fake, n) === 0) {
				retried.push(n);
				replies[n] = await ask(n);
			} else {
				casualties.push(n);
			}
		}
		if (casualties.length) console.log(diagnose(casualties, replies, fake, workers));
		// Such runs happen only around the stopped worker, and rarely.
		const nearStop = (n: number) => Math.abs(n - stopAt) <= 2 * PARALLEL;
		expect(retried.filter((n) => !nearStop(n))).toEqual([]);
		expect(casualties.filter((n) => !nearStop(n) || timesAsked(fake, n) !== 1)).toEqual([]);
		expect(casualties.length).toBeLessThanOrEqual(3);
		const shutdownErrors = workers[0].log
			.split('\n')
			.filter((line) => /errored|Cannot use a pool/.test(line));

		// Every other reply (retried ones included) carries what the fake server was told to do.
		replies.forEach((reply, n) => {
			if (casualties.includes(n)) return;
			expect({ n, status: reply.status, result: reply.body.status }).toEqual({
				n,
				status: 200,
				result: expectedStatus(n),
			});
			if (expectedStatus(n) === 200) expect(reply.body.answer).toBe(`Grok reply to: q-${n}`);
		});

		// The fake xAI server saw every question exactly once.
		const seen = fake.chatRequests().map((r) => r.body.messages[0].content as string);
		expect(seen).toHaveLength(BURST);
		expect(new Set(seen).size).toBe(BURST);

		// The database: one execution per request (two for a retried one), all successful but those
		// the stopping worker failed or abandoned (left "running"), one per retried or tolerated reply.
		const runs = () =>
			sql(`SELECT id, status FROM execution_entity WHERE "workflowId" = '${WORKFLOW}'`).map((row) =>
				row.split('|'),
			);
		const successes = (rows: string[][]) => rows.filter(([, status]) => status === 'success');
		await waitUntil(() => successes(runs()).length >= BURST - casualties.length);
		const rows = runs();
		expect(rows).toHaveLength(BURST + retried.length);
		const ids = successes(rows).map(([id]) => id);
		expect(ids.length).toBeGreaterThanOrEqual(BURST - casualties.length);
		const others = rows.filter(([, status]) => status !== 'success');
		expect(others.length).toBeGreaterThanOrEqual(retried.length);
		expect(others.length).toBeLessThanOrEqual(retried.length + casualties.length);

		// The worker logs: every execution ran on a worker, both took part, none ran twice, main ran none.
		const [first, second] = workers.map(executionsRunBy);
		expect(first.size).toBeGreaterThan(0);
		expect(second.size).toBeGreaterThan(0);
		expect([...first].filter((id) => second.has(id))).toEqual([]);
		expect(ids.every((id) => first.has(id) || second.has(id))).toBe(true);
		expect(main.log).not.toMatch(/started execution/i);
		console.log(
			`successful executions: ${ids.length}; worker-1 ran ${first.size} (stopped mid-burst), worker-2 ran ${second.size}; runs the stopping worker lost before xAI (retried): ${retried.length}, wrong replies after xAI answered once: ${casualties.length}; not successful in the database: ${JSON.stringify(others)} ${JSON.stringify(shutdownErrors)}`,
		);

		// Redis holds no job waiting or running. A job the stopped worker held stays "active" until
		// Bull's stalled-job check (every 30 s) hands it back, so give that check time to run.
		for (
			let waited = 0;
			waited < 75_000 && redis('LLEN', 'bull:jobs:active') !== '0';
			waited += 1000
		) {
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
		expect(redis('LLEN', 'bull:jobs:wait')).toBe('0');
		expect(redis('LLEN', 'bull:jobs:active')).toBe('0');
	});
});
