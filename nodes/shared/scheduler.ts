/**
 * How one execution's requests reach xAI: at most `concurrency` at once, retried with exponential
 * backoff and jitter, and paused together when xAI rate-limits (a 429 makes every item wait out
 * Retry-After and halves the requests in flight; successes double it again up to `concurrency`).
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
			if (failure.status === 429) {
				this.onRateLimited(waitMs);
				if (this.rateLimitBudgetSpent()) throw this.rateLimitGiveUp(failure);
			}
			if (retry >= maxRetries || !mayRetry()) throw failure;
			if (failure.status !== 429) await this.sleep(waitMs, this.options.signal);
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
	 * A 429 concerns the whole team's quota: every request waits, and half as many run at once.
	 * The requests already in flight when it came may get 429s too: those count as the same one.
	 */
	private onRateLimited(waitMs: number) {
		const now = this.now();
		if (now >= this.pausedUntil) {
			this.limit = Math.max(1, Math.floor(this.limit / 2));
			this.successesSinceCut = 0;
		}
		this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
		this.rateLimitedSince ??= now;
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

	/** After as many successes as requests allowed at once, allow twice as many again. */
	private onSuccess() {
		this.rateLimitedSince = undefined;
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

/**
 * Runs `task` for item 0..count-1 with at most `concurrency` items under way; results stay in
 * their slots, so order never depends on timing. After a task throws, no new item starts and the
 * error of the lowest item index is thrown once the running ones have settled.
 */
export async function forEachItem(
	count: number,
	concurrency: number,
	task: (itemIndex: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	const failures: Array<{ itemIndex: number; error: unknown }> = [];
	const worker = async () => {
		while (next < count && failures.length === 0) {
			const itemIndex = next++;
			try {
				await task(itemIndex);
			} catch (error) {
				failures.push({ itemIndex, error });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	if (failures.length > 0) {
		throw failures.sort((a, b) => a.itemIndex - b.itemIndex)[0].error;
	}
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
