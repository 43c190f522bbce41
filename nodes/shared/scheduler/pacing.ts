/** The pace at which requests start: set by xAI's headers, or guessed from 429s and successes. */
import { durationMs } from './rateLimitHeaders';

/** After a 429, the pace is this share of the rate that had just succeeded. */
const CUT_TO = 0.95;
/** How fast the pace creeps up again, per second; faster once 429s have stopped for a while. */
const GROWTH_PER_SECOND = 0.02;
const RECOVERY_PER_SECOND = 0.25;
const RECOVERY_AFTER_MS = 5_000;
/** Rates are measured over this window. */
const WINDOW_MS = 1_000;

export class Pacer {
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

	constructor(private readonly now: () => number) {}

	get paced(): boolean {
		return this.intervalMs > 0;
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

	/** A 429 that the pace can answer: `succeeded` is `recentSuccesses(now)`. */
	cut(now: number, succeeded: number) {
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
	}

	/** Takes this request's start at the current pace; returns how long it waits for it, in ms. */
	nextTurn(): number {
		const now = this.now();
		this.startedAt ??= now;
		if (!this.intervalMs) return 0;
		const at = Math.max(now, this.nextStartAt);
		this.nextStartAt = at + this.intervalMs;
		return at - now;
	}

	/** Successes per second, over the window or, in a run younger than it, over its age. */
	private rateOf(successes: number, now: number): number {
		const span = Math.min(WINDOW_MS, Math.max(100, now - (this.startedAt ?? now)));
		return (successes * 1000) / span;
	}

	recentSuccesses(now: number): number {
		while (this.successes.length > 0 && this.successes[0] <= now - WINDOW_MS) {
			this.successes.shift();
		}
		return this.successes.length;
	}

	/** A guessed pace grows by 2% a second. */
	onSuccess(now: number) {
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
	}
}
