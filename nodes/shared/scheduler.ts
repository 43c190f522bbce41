/**
 * How one execution's requests reach xAI: at most `concurrency` at once, retried with exponential
 * backoff and jitter, and paced to the rate xAI allows.
 *
 * Pacing: xAI limits requests per second (RPM / 60) and tokens per minute. Where a reply carries
 * rate-limit headers (x-ratelimit-limit-requests), requests start no faster than they allow.
 * Where not, the first 429 sets the pace to just under the rate of the replies that had just
 * succeeded, which is what xAI was letting through; the pace then creeps up 2% a second until the
 * next 429 takes it back down. A 429 delays only its own request by Retry-After: the others keep
 * going at the new pace. A long Retry-After (the team's quota is spent) or a 429 with no success
 * to measure pauses every request instead, and halves those in flight.
 * Rate-limit waiting is bounded: once xAI has answered nothing but 429s for `maxRateLimitWaitMs`,
 * the items still waiting fail instead of queueing for minutes.
 */
import { XaiRequestError } from './errors';

/** Retry-After waits longer than this fail the item instead, with the wait in the message. */
export const MAX_RETRY_WAIT_MS = 120_000;
export const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = MAX_RETRY_WAIT_MS;
const BASE_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;
const RETRYABLE_STATUSES = new Set([408, 409, 429]);
/** A Retry-After longer than this means a spent quota: every request waits, not just one. */
const PAUSE_ALL_AFTER_MS = 5_000;
/** After a 429, the pace is this share of the rate that had just succeeded. */
const CUT_TO = 0.95;
/** How fast the pace creeps up again, per second; faster once 429s have stopped for a while. */
const GROWTH_PER_SECOND = 0.02;
const RECOVERY_PER_SECOND = 0.25;
const RECOVERY_AFTER_MS = 5_000;
/** Rates are measured over this window. */
const WINDOW_MS = 1_000;

export function isRetryable(error: unknown): error is XaiRequestError {
	if (!(error instanceof XaiRequestError)) return false;
	if (error.kind === 'connection') return true;
	// A timed-out request is not sent again: it would cost another full timeout.
	if (error.kind !== 'http' || error.status === undefined) return false;
	return RETRYABLE_STATUSES.has(error.status) || error.status >= 500;
}

export interface SchedulerOptions {
	concurrency: number;
	signal?: AbortSignal;
	/** How long the run may be rate-limited without a single success before items give up. */
	maxRateLimitWaitMs?: number;
	/** Injectable for tests. */
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	random?: () => number;
	now?: () => number;
}

export class RequestScheduler {
	private limit: number;

	private active = 0;

	private pausedUntil = 0;

	private successesSinceCut = 0;

	/** When the current run of 429s began (no success since), if one is under way. */
	private rateLimitedSince?: number;

	private readonly maxRateLimitWaitMs: number;

	private readonly waiting: Array<() => void> = [];

	private readonly sleep: NonNullable<SchedulerOptions['sleep']>;

	private readonly random: () => number;

	private readonly now: () => number;

	/** How many requests were sent, retries included (for benchmarks and tests). */
	attempts = 0;

	/** Time between request starts; 0 while xAI has not asked for a pace. */
	private intervalMs = 0;

	private nextStartAt = 0;

	/** When the pace last grew. */
	private pacedAt = 0;

	/** When a 429 last cut the pace: the 429s of one burst cut it once. */
	private cutAt = -Infinity;

	/** True once xAI's rate-limit headers set the pace: it is then known, not guessed. */
	private paceFromHeaders = false;

	/** When recent requests succeeded, within the measuring window. */
	private readonly successes: number[] = [];

	/** The best rate of successes seen, per second: 429s never cut the pace below half of it. */
	private peakRate = 0;

	/** When the first request started: a young run measures its rate over its age. */
	private startedAt?: number;

	constructor(private readonly options: SchedulerOptions) {
		this.limit = options.concurrency;
		this.sleep = options.sleep ?? abortableSleep;
		this.random = options.random ?? Math.random;
		this.now = options.now ?? Date.now;
		this.maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS;
		// Waiters woken by a cancel find the signal aborted and give up, each waking the next.
		options.signal?.addEventListener('abort', this.wakeAll, { once: true });
	}

	/** Lets go of the cancel signal once the execution's items are done. */
	dispose() {
		this.options.signal?.removeEventListener('abort', this.wakeAll);
	}

	get currentLimit() {
		return this.limit;
	}

	/** Requests per second the scheduler paces to, if it does. */
	get currentPace(): number | undefined {
		return this.intervalMs ? 1000 / this.intervalMs : undefined;
	}

	/**
	 * Reads a reply's rate-limit headers where xAI sends them (OpenAI's x-ratelimit-* names):
	 * requests per minute set the pace, and none remaining waits for the reset.
	 */
	observe(headers: Headers) {
		const perMinute = Number(headers.get('x-ratelimit-limit-requests'));
		if (!Number.isFinite(perMinute) || perMinute <= 0) return;
		this.paceFromHeaders = true;
		// 2% under the limit: xAI's clock and ours do not tick together.
		this.intervalMs = (60_000 / perMinute) * 1.02;
		if (headers.get('x-ratelimit-remaining-requests') === '0') {
			const resetMs = durationMs(headers.get('x-ratelimit-reset-requests'));
			if (resetMs !== undefined) {
				this.nextStartAt = Math.max(this.nextStartAt, this.now() + Math.min(resetMs, 60_000));
			}
		}
	}

	/**
	 * Runs `request`, retrying it up to `maxRetries` times when the failure is worth a retry and
	 * `mayRetry` agrees.
	 */
	async send<T>(
		request: () => Promise<T>,
		maxRetries: number,
		mayRetry: () => boolean = () => true,
	): Promise<T> {
		for (let retry = 0; ; retry++) {
			await this.acquire();
			let failure: unknown;
			try {
				await this.awaitTurn();
				this.attempts++;
				const result = await request();
				this.onSuccess();
				return result;
			} catch (error) {
				failure = error;
			} finally {
				this.release();
			}
			if (!isRetryable(failure)) throw failure;
			const waitMs = this.waitBeforeRetry(failure, retry);
			// Every item obeys a 429, also when this one has no retries left.
			const pausedAll = failure.status === 429 && this.onRateLimited(waitMs);
			if (failure.status === 429 && this.rateLimitBudgetSpent()) {
				throw this.rateLimitGiveUp(failure);
			}
			if (retry >= maxRetries || !mayRetry()) throw failure;
			if (!pausedAll) await this.sleep(waitMs, this.options.signal);
		}
	}

	private waitBeforeRetry(error: XaiRequestError, retry: number): number {
		if (error.retryAfterSeconds !== undefined) {
			const waitMs = error.retryAfterSeconds * 1000;
			if (waitMs > MAX_RETRY_WAIT_MS) {
				throw new XaiRequestError(
					error.kind,
					`${error.message} (xAI asks to wait ${Math.ceil(error.retryAfterSeconds)} s before retrying, longer than the ${MAX_RETRY_WAIT_MS / 1000} s this node waits)`,
					error.status,
					error.retryAfterSeconds,
				);
			}
			// Jitter keeps the waiting requests from all coming back in the same millisecond.
			return waitMs * (1 + this.random() * 0.1);
		}
		const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** retry);
		return ceiling / 2 + (this.random() * ceiling) / 2;
	}

	/**
	 * A 429 slows the whole execution down: its pace drops to what had just succeeded, or, when
	 * there is nothing to measure or the wait is long, every request waits and half as many run at
	 * once. The requests in flight when it came may get 429s too: those count as the same one.
	 * Returns whether every request now waits (the caller then need not wait on its own).
	 */
	private onRateLimited(waitMs: number): boolean {
		const now = this.now();
		this.rateLimitedSince ??= now;
		const succeeded = this.recentSuccesses(now);
		if (waitMs <= PAUSE_ALL_AFTER_MS && (succeeded > 0 || this.intervalMs > 0)) {
			// A rate from fewer successes than this says too little to pace by.
			if (!this.paceFromHeaders && now - this.cutAt >= WINDOW_MS && succeeded >= 4) {
				const measured = this.rateOf(succeeded, now);
				const current = this.currentPace ?? Infinity;
				// Never more than halve the pace at once (a burst of 429s is one signal), nor below half
				// the best rate seen: 429s that come whatever the rate (an overloaded xAI) must not
				// slow the run down to nothing.
				const rate = Math.max(
					Math.min(measured, current) * CUT_TO,
					(this.currentPace ?? 0) / 2,
					this.peakRate / 2,
				);
				this.intervalMs = 1000 / Math.max(rate, 0.1);
				this.pacedAt = now;
				this.cutAt = now;
			}
			return false;
		}
		if (now >= this.pausedUntil) {
			this.limit = Math.max(1, Math.floor(this.limit / 2));
			this.successesSinceCut = 0;
		}
		this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
		return true;
	}

	/** Waits until this request may start at the current pace. */
	private async awaitTurn() {
		const now = this.now();
		this.startedAt ??= now;
		if (!this.intervalMs) return;
		const at = Math.max(now, this.nextStartAt);
		this.nextStartAt = at + this.intervalMs;
		if (at > now) await this.sleep(at - now, this.options.signal);
	}

	/** Successes per second, over the window or, in a run younger than it, over its age. */
	private rateOf(successes: number, now: number): number {
		const span = Math.min(WINDOW_MS, Math.max(100, now - (this.startedAt ?? now)));
		return (successes * 1000) / span;
	}

	private recentSuccesses(now: number): number {
		while (this.successes.length > 0 && this.successes[0] <= now - WINDOW_MS) {
			this.successes.shift();
		}
		return this.successes.length;
	}

	/** Would waiting out the current pause exceed the time the run may spend rate-limited? */
	private rateLimitBudgetSpent(): boolean {
		if (this.rateLimitedSince === undefined) return false;
		const until = Math.max(this.now(), this.pausedUntil);
		return until - this.rateLimitedSince > this.maxRateLimitWaitMs;
	}

	private rateLimitGiveUp(failure?: XaiRequestError): XaiRequestError {
		const seconds = Math.round(this.maxRateLimitWaitMs / 1000);
		const why = `xAI has answered every request of this execution with 429 (rate limited) for ${seconds} s, the Max Rate-Limit Wait`;
		return new XaiRequestError(
			'http',
			failure ? `${failure.message} (${why})` : `Not sent: ${why}`,
			429,
			failure?.retryAfterSeconds,
		);
	}

	/**
	 * After as many successes as requests allowed at once, allow twice as many again; a guessed
	 * pace grows by 2% a second.
	 */
	private onSuccess() {
		this.rateLimitedSince = undefined;
		const now = this.now();
		this.successes.push(now);
		// Over whole windows only: a young run's first replies would make a burst look like a rate.
		this.peakRate = Math.max(this.peakRate, (this.recentSuccesses(now) * 1000) / WINDOW_MS);
		if (this.intervalMs && !this.paceFromHeaders) {
			const seconds = (now - this.pacedAt) / 1000;
			if (seconds >= 0.1) {
				const growth =
					now - this.cutAt > RECOVERY_AFTER_MS ? RECOVERY_PER_SECOND : GROWTH_PER_SECOND;
				this.intervalMs /= 1 + growth * seconds;
				this.pacedAt = now;
			}
		}
		if (this.limit >= this.options.concurrency) return;
		if (++this.successesSinceCut >= this.limit) {
			this.limit = Math.min(this.options.concurrency, this.limit * 2);
			this.successesSinceCut = 0;
			this.wake();
		}
	}

	private async acquire() {
		for (;;) {
			if (this.options.signal?.aborted) {
				throw new XaiRequestError(
					'aborted',
					'The execution was cancelled before this item was sent',
				);
			}
			const pause = this.pausedUntil - this.now();
			if (pause > 0 && this.rateLimitBudgetSpent()) throw this.rateLimitGiveUp();
			if (pause > 0) {
				await this.sleep(pause, this.options.signal);
				continue;
			}
			if (this.active < this.limit) {
				this.active++;
				return;
			}
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
	}

	private release() {
		this.active--;
		this.wake();
	}

	private wake() {
		this.waiting.shift()?.();
	}

	private readonly wakeAll = () => {
		for (const resolve of this.waiting.splice(0)) resolve();
	};
}

/** "1s", "250ms", "1m30s" or plain seconds, as rate-limit reset headers give it, in ms. */
function durationMs(value: string | null): number | undefined {
	if (!value) return undefined;
	if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
	let total = 0;
	let matched = false;
	for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
		matched = true;
		total += Number(amount) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms'];
	}
	return matched ? total : undefined;
}

/** Waits `ms`, or less when `signal` aborts (it never throws: the caller checks the signal). */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) return;
	await new Promise<void>((resolve) => {
		const timer = setTimeout(done, ms);
		function done() {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		}
		signal?.addEventListener('abort', done, { once: true });
	});
}
