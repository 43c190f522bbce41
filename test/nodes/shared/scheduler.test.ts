import { forEachItem } from '../../../nodes/shared/operation';
import { MAX_RETRY_WAIT_MS, RequestScheduler } from '../../../nodes/shared/scheduler';
import { XaiRequestError } from '../../../nodes/shared/errors';

/** A scheduler on a virtual clock: sleeping advances time instead of waiting. */
function virtualScheduler(concurrency = 4) {
	let now = 0;
	const sleeps: number[] = [];
	const scheduler = new RequestScheduler({
		concurrency,
		now: () => now,
		random: () => 0.5,
		sleep: async (ms) => {
			sleeps.push(ms);
			now += ms;
		},
	});
	return { scheduler, sleeps, now: () => now };
}

const httpError = (status: number, retryAfterSeconds?: number) =>
	new XaiRequestError('http', `status ${status}`, status, retryAfterSeconds);

/** A request that fails with the given errors, then succeeds. */
function failingThen(...errors: Error[]) {
	let calls = 0;
	const request = async () => {
		const error = errors[calls++];
		if (error) throw error;
		return 'ok';
	};
	return { request, calls: () => calls };
}

describe('RequestScheduler retries', () => {
	it.each([408, 409, 429, 500, 502, 503])('retries %i', async (status) => {
		const { scheduler } = virtualScheduler();
		const { request, calls } = failingThen(httpError(status));
		await expect(scheduler.send(request, 2)).resolves.toBe('ok');
		expect(calls()).toBe(2);
	});

	it('retries lost connections', async () => {
		const { scheduler } = virtualScheduler();
		const { request, calls } = failingThen(new XaiRequestError('connection', 'reset'));
		await expect(scheduler.send(request, 1)).resolves.toBe('ok');
		expect(calls()).toBe(2);
	});

	it.each([400, 401, 403, 404, 410, 422])('never retries %i', async (status) => {
		const { scheduler } = virtualScheduler();
		const { request, calls } = failingThen(httpError(status));
		await expect(scheduler.send(request, 5)).rejects.toMatchObject({ status });
		expect(calls()).toBe(1);
	});

	it('does not retry a timeout or a cancelled request', async () => {
		for (const kind of ['timeout', 'aborted'] as const) {
			const { scheduler } = virtualScheduler();
			const { request, calls } = failingThen(new XaiRequestError(kind, kind));
			await expect(scheduler.send(request, 3)).rejects.toMatchObject({ kind });
			expect(calls()).toBe(1);
		}
	});

	it('gives up after maxRetries retries with the last error', async () => {
		const { scheduler } = virtualScheduler();
		const { request, calls } = failingThen(
			httpError(500),
			httpError(502),
			httpError(503),
			httpError(504),
		);
		await expect(scheduler.send(request, 2)).rejects.toMatchObject({ status: 503 });
		expect(calls()).toBe(3);
	});

	it('backs off exponentially with jitter, up to a cap', async () => {
		const { scheduler, sleeps } = virtualScheduler();
		const errors = Array.from({ length: 7 }, () => httpError(500));
		await scheduler.send(failingThen(...errors).request, 7);
		// random() = 0.5: three quarters of 500 ms · 2^n, capped at 8 s.
		expect(sleeps).toEqual([375, 750, 1500, 3000, 6000, 6000, 6000]);
	});

	it('waits as long as Retry-After says, also beyond 60 s', async () => {
		const { scheduler, now } = virtualScheduler();
		await scheduler.send(failingThen(httpError(429, 90)).request, 1);
		expect(now()).toBe(90_000 * 1.05);
	});

	it('fails at once, naming the wait, when Retry-After is longer than the node waits', async () => {
		const { scheduler } = virtualScheduler();
		const { request, calls } = failingThen(httpError(429, MAX_RETRY_WAIT_MS / 1000 + 30));
		await expect(scheduler.send(request, 3)).rejects.toThrow(
			'status 429 (xAI asks to wait 150 s before retrying, longer than the 120 s this node waits)',
		);
		expect(calls()).toBe(1);
	});
});

describe('RequestScheduler rate limiting', () => {
	it('pauses every request after a 429 and halves the requests in flight, then recovers', async () => {
		const { scheduler, now } = virtualScheduler(8);
		await expect(scheduler.send(failingThen(httpError(429, 2)).request, 0)).rejects.toMatchObject({
			status: 429,
		});
		expect(scheduler.currentLimit).toBe(4);
		// Another item's request waits out the pause before it is sent.
		let sentAt = -1;
		await scheduler.send(async () => (sentAt = now()), 0);
		expect(sentAt).toBe(2100);
		// Four successes (the one above included) at a limit of 4 double it again.
		for (let i = 0; i < 2; i++) await scheduler.send(async () => 'ok', 0);
		expect(scheduler.currentLimit).toBe(4);
		await scheduler.send(async () => 'ok', 0);
		expect(scheduler.currentLimit).toBe(8);
	});

	it('after a 429 among successes, paces requests just under the rate that succeeded, delaying only the 429', async () => {
		const { scheduler, now, sleeps } = virtualScheduler(8);
		// 20 successes within the last second: xAI was letting 20 a second through.
		for (let i = 0; i < 20; i++) {
			await scheduler.send(async () => 'ok', 0);
			sleeps.length = 0;
			await scheduler['sleep'](50);
		}
		const limited = failingThen(httpError(429, 1));
		await expect(scheduler.send(limited.request, 1)).resolves.toBe('ok');
		expect(limited.calls()).toBe(2);
		expect(scheduler.currentLimit).toBe(8); // no halving, no pause for everyone
		// 19 or 20 in the window, 5% under it, and a touch of growth since.
		expect(scheduler.currentPace).toBeGreaterThan(17);
		expect(scheduler.currentPace).toBeLessThan(20);
		// The next requests start one interval apart.
		const starts: number[] = [];
		for (let i = 0; i < 3; i++) await scheduler.send(async () => starts.push(now()), 0);
		expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(Math.floor(1000 / 20));
	});

	it('in a run younger than a second, paces by the rate over its age, not over a whole second', async () => {
		const { scheduler } = virtualScheduler(8);
		// 10 successes in the first half second: 20 a second, though only 10 fall in the window.
		for (let i = 0; i < 10; i++) {
			await scheduler.send(async () => 'ok', 0);
			await scheduler['sleep'](50);
		}
		await expect(scheduler.send(failingThen(httpError(429, 0.1)).request, 1)).resolves.toBe('ok');
		expect(scheduler.currentPace).toBeGreaterThan(17);
		expect(scheduler.currentPace).toBeLessThan(21);
	});

	it("paces a young run that drained xAI's one-second bucket at the limiter's rate, not over it", async () => {
		const { scheduler } = virtualScheduler(8);
		// A limiter of 50 a second, its bucket holding one second: a young run gets the 50 at once
		// and 10 more in the next 200 ms, then a 429 asking for a second.
		for (let i = 0; i < 60; i++) {
			await scheduler.send(async () => 'ok', 0);
			if (i >= 50) await scheduler['sleep'](20);
		}
		await expect(scheduler.send(failingThen(httpError(429, 1)).request, 1)).resolves.toBe('ok');
		// 60 over the 200 ms and the bucket's second: 50 a second, and 5% under it.
		expect(scheduler.currentPace).toBeLessThanOrEqual(50);
		expect(scheduler.currentPace).toBeGreaterThan(45);
	});

	it('never paces below half the best rate seen when 429s come whatever the rate', async () => {
		const { scheduler, now } = virtualScheduler(8);
		// 20 a second over the run's first half second: the best rate seen, the one the first 429
		// paces by, though only 10 fall in a whole second.
		for (let i = 0; i < 10; i++) {
			await scheduler.send(async () => 'ok', 0);
			await scheduler['sleep'](50);
		}
		// Then one answer in ten is a 429 (Retry-After 100 ms), whatever the pace, for ten seconds.
		let lowest = Infinity;
		for (let i = 0; now() < 10_500; i++) {
			const request = i % 10 === 0 ? failingThen(httpError(429, 0.1)).request : async () => 'ok';
			await scheduler.send(request, 1);
			lowest = Math.min(lowest, scheduler.currentPace ?? Infinity);
		}
		expect(lowest).toBeGreaterThanOrEqual(10);
	});

	it('does not set a pace from fewer than four successes', async () => {
		const { scheduler } = virtualScheduler(8);
		for (let i = 0; i < 3; i++) await scheduler.send(async () => 'ok', 0);
		await expect(scheduler.send(failingThen(httpError(429, 0.1)).request, 1)).resolves.toBe('ok');
		expect(scheduler.currentPace).toBeUndefined();
	});

	it('paces to the rate-limit headers where xAI sends them, and waits for the reset when none remain', async () => {
		const { scheduler, now } = virtualScheduler(8);
		scheduler.observe(
			new Headers({
				'x-ratelimit-limit-requests': '600',
				'x-ratelimit-remaining-requests': '0',
				'x-ratelimit-reset-requests': '1s',
			}),
		);
		expect(scheduler.currentPace).toBeCloseTo(10 / 1.02, 5);
		let sentAt = -1;
		await scheduler.send(async () => (sentAt = now()), 0);
		expect(sentAt).toBe(1000);
	});

	it('ignores replies without rate-limit headers', () => {
		const { scheduler } = virtualScheduler(8);
		scheduler.observe(new Headers({ 'content-type': 'application/json' }));
		expect(scheduler.currentPace).toBeUndefined();
	});

	it('counts 429s that come during the pause as the same one', async () => {
		const { scheduler } = virtualScheduler(16);
		const rateLimited = async () => {
			throw httpError(429, 1);
		};
		await Promise.allSettled([
			scheduler.send(rateLimited, 0),
			scheduler.send(rateLimited, 0),
			scheduler.send(rateLimited, 0),
		]);
		expect(scheduler.currentLimit).toBe(8);
	});

	it('never has more requests in flight than the limit', async () => {
		const scheduler = new RequestScheduler({ concurrency: 3 });
		let inFlight = 0;
		let most = 0;
		await Promise.all(
			Array.from(
				{ length: 20 },
				async () =>
					await scheduler.send(async () => {
						most = Math.max(most, ++inFlight);
						await new Promise((done) => setTimeout(done, 5));
						inFlight--;
					}, 0),
			),
		);
		expect(most).toBe(3);
		expect(scheduler.attempts).toBe(20);
	});

	it('refuses new requests once the execution is cancelled', async () => {
		const controller = new AbortController();
		const scheduler = new RequestScheduler({ concurrency: 2, signal: controller.signal });
		controller.abort();
		const request = jest.fn(async () => 'sent');
		await expect(scheduler.send(request, 0)).rejects.toMatchObject({ kind: 'aborted' });
		expect(request).not.toHaveBeenCalled();
	});
});

describe('forEachItem', () => {
	it('runs every item once, at most `concurrency` at a time', async () => {
		const seen: number[] = [];
		let running = 0;
		let most = 0;
		await forEachItem(50, 4, async (i) => {
			most = Math.max(most, ++running);
			await new Promise((done) => setTimeout(done, (i * 7) % 5));
			seen.push(i);
			running--;
		});
		expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
		expect(most).toBe(4);
	});

	it("stops starting items after a failure and throws the lowest item index's error", async () => {
		const started: number[] = [];
		const run = forEachItem(100, 3, async (i) => {
			started.push(i);
			await new Promise((done) => setTimeout(done, i === 2 ? 1 : 10));
			if (i === 1 || i === 2) throw new Error(`item ${i}`);
		});
		await expect(run).rejects.toThrow('item 1');
		expect(started.length).toBeLessThan(10);
	});
});
