/** The scheduler: how many requests run at once, each sent and retried in its turn. */
import { XaiRequestError } from '../errors';
import { Pacer } from './pacing';
import { DEFAULT_MAX_RATE_LIMIT_WAIT_MS, RateLimitBudget } from './rateLimitBudget';
import { isRetryable, waitBeforeRetry } from './retryPolicy';
import { abortableSleep } from './sleep';

/** A Retry-After longer than this means a spent quota: every request waits, not just one. */
const PAUSE_ALL_AFTER_MS = 5_000;

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

	private readonly budget: RateLimitBudget;

	private readonly pacing: Pacer;

	private readonly waiting: Array<() => void> = [];

	private readonly sleep: NonNullable<SchedulerOptions['sleep']>;

	private readonly random: () => number;

	private readonly now: () => number;

	/** How many requests were sent, retries included (for benchmarks and tests). */
	attempts = 0;

	constructor(private readonly options: SchedulerOptions) {
		this.limit = options.concurrency;
		this.sleep = options.sleep ?? abortableSleep;
		this.random = options.random ?? Math.random;
		this.now = options.now ?? Date.now;
		this.budget = new RateLimitBudget(
			options.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
			this.now,
		);
		this.pacing = new Pacer(this.now);
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
		return this.pacing.currentPace;
	}

	/** A reply's rate-limit headers, which may set the pace (see Pacer.observe). */
	observe(headers: Headers) {
		this.pacing.observe(headers);
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
			let startedAt = 0;
			try {
				await this.awaitTurn();
				startedAt = this.now();
				this.attempts++;
				const result = await request();
				this.onSuccess(startedAt);
				return result;
			} catch (error) {
				failure = error;
			} finally {
				this.release();
			}
			if (!isRetryable(failure)) throw failure;
			const waitMs = waitBeforeRetry(failure, retry, this.random);
			// Every item obeys a 429, also when this one has no retries left.
			const pausedAll = failure.status === 429 && this.onRateLimited(waitMs, startedAt);
			if (failure.status === 429 && this.budget.spent(this.pausedUntil)) {
				throw this.budget.giveUp(failure);
			}
			if (retry >= maxRetries || !mayRetry()) throw failure;
			if (!pausedAll) await this.sleep(waitMs, this.options.signal);
		}
	}

	/**
	 * A 429 slows the whole execution down: its pace drops to what had just succeeded (unless the
	 * pace is not what xAI refuses, see Pacer.cut), or, when there is nothing to measure or the wait
	 * is long, every request waits and half as many run at once. The requests in flight when it came
	 * may get 429s too: those count as the same one.
	 * Returns whether every request now waits (the caller then need not wait on its own).
	 */
	private onRateLimited(waitMs: number, startedAt: number): boolean {
		const now = this.now();
		this.budget.onRateLimited(now);
		const succeeded = this.pacing.recentSuccesses(now);
		if (waitMs <= PAUSE_ALL_AFTER_MS && (succeeded > 0 || this.pacing.paced)) {
			this.pacing.cut(now, startedAt, waitMs);
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
		const waitMs = this.pacing.nextTurn();
		if (waitMs > 0) await this.sleep(waitMs, this.options.signal);
	}

	/**
	 * After as many successes as requests allowed at once, allow twice as many again; a guessed
	 * pace grows by 2% a second.
	 */
	private onSuccess(startedAt: number) {
		this.budget.onSuccess();
		this.pacing.onSuccess(this.now(), startedAt);
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
				const cancelled = new XaiRequestError(
					'aborted',
					'The execution was cancelled before this item was sent',
				);
				cancelled.notSent = true;
				throw cancelled;
			}
			const pause = this.pausedUntil - this.now();
			if (pause > 0 && this.budget.spent(this.pausedUntil)) throw this.budget.giveUp();
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
