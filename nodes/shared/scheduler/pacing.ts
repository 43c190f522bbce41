/** The pace at which requests start: set by xAI's headers, or guessed from 429s and successes. */
import { durationMs } from './rateLimitHeaders';

/** After a 429, the pace is this share of the rate that had just succeeded. */
const CUT_TO = 0.95;
/**
 * A 429 cuts the pace only when the pace is what xAI refuses. A limiter lets the pace through until
 * it grows over the limit: its first 429 follows a whole window without one. Past the limit, it
 * refuses the share of requests over it, which grows with the pace: a cut once this share of the
 * requests started since the last cut is refused. 429s that come for a steady, smaller share
 * whatever the pace (a team's other runs on the same key, an overloaded xAI) do not slow the run
 * down: cutting would not stop them. Shares are judged from this many answers at least.
 */
const MOSTLY_REFUSED = 0.2;
const ANSWERS_TO_JUDGE = 20;
/** How fast the pace creeps up again, per second; faster once 429s have stopped for a while. */
const GROWTH_PER_SECOND = 0.02;
const RECOVERY_PER_SECOND = 0.25;
const RECOVERY_AFTER_MS = 5_000;
/** After 429s that the pace did not cause, it was cut too far: it doubles back up in a second. */
const BACKGROUND_GROWTH_PER_SECOND = 1;
/** Rates are measured over this window. */
const WINDOW_MS = 1_000;

/** A reply within the window: when it came, and when its request started. */
interface Reply {
	at: number;
	startedAt: number;
}

export class Pacer {
	/** Time between request starts; 0 while xAI has not asked for a pace. */
	private intervalMs = 0;

	private nextStartAt = 0;

	/** When the pace last grew. */
	private pacedAt = 0;

	/**
	 * When a 429 last cut the pace: the 429s of requests started before it were refused at the old
	 * pace, so a burst of them cuts it once.
	 */
	private cutAt = -Infinity;

	/** When a 429 last came that the pace did not cause (see KEPT_UP): the pace may grow fast. */
	private backgroundAt = -Infinity;

	/** True once xAI's rate-limit headers set the pace: it is then known, not guessed. */
	private paceFromHeaders = false;

	/** The requests that succeeded, and those refused with a 429, within the measuring window. */
	private readonly successes: Reply[] = [];

	private readonly refusals: Reply[] = [];

	/**
	 * The best rate of successes seen, per second, measured as a cut measures it (over the run's age
	 * while it is younger than the window): 429s never cut the pace below half of it.
	 */
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

	/**
	 * A 429 that the pace can answer, for a request started at `startedAt`, with a wait of
	 * `waitMs` before its retry.
	 */
	cut(now: number, startedAt: number, waitMs: number) {
		if (this.paceFromHeaders) return;
		this.prune(now);
		this.refusals.push({ at: now, startedAt });
		// Started before the last cut (or in its millisecond): that cut answered it already.
		if (startedAt <= this.cutAt) return;
		const succeeded = this.successes.length;
		// A rate from fewer successes than this says too little to pace by.
		if (succeeded < 4) return;
		const current = this.currentPace;
		let kept = 1;
		if (current !== undefined) {
			const refusedShare = this.refusedForPace(now);
			if (refusedShare === false) this.backgroundAt = now;
			if (refusedShare === undefined || refusedShare === false) return;
			kept = 1 - refusedShare;
		}
		// A young run's first burst is not its rate: the limiter's full bucket let it through.
		const measured = this.rateOf(succeeded, now, waitMs);
		this.peakRate = Math.max(this.peakRate, measured);
		// Down to what got through: what succeeded in the window, and the share of the pace not
		// refused since the last cut (the window may still hold a burst the limiter let through).
		// Never more than halve the pace at once, nor go below half the best rate seen.
		const rate = Math.max(
			Math.min(measured, (current ?? Infinity) * kept) * CUT_TO,
			(current ?? 0) / 2,
			this.peakRate / 2,
		);
		this.intervalMs = 1000 / Math.max(rate, 0.1);
		this.pacedAt = now;
		this.cutAt = now;
	}

	/**
	 * Whether the 429s of the requests started since the last cut (within the window) are the
	 * pace's doing: if so, the share of those requests refused; false if not (a steady share
	 * whatever the pace); undefined if too few answered to tell.
	 */
	private refusedForPace(now: number): number | false | undefined {
		const since = Math.max(this.cutAt, now - WINDOW_MS);
		const refused = this.refusals.filter((r) => r.startedAt > since).length;
		const answers = refused + this.successes.filter((r) => r.startedAt > since).length;
		if (refused <= 1 && now - this.cutAt >= WINDOW_MS) return refused / answers;
		if (answers < ANSWERS_TO_JUDGE) return undefined;
		return refused >= answers * MOSTLY_REFUSED ? refused / answers : false;
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

	/**
	 * Successes per second, over the window or, in a run younger than it, over its age, no shorter
	 * than `waitMs`, the wait the 429 asked for. A wait of a second or more is xAI's limiter: it
	 * spends a minute's requests a second at a time, from a bucket that holds one second of them,
	 * all of which a young run got at once before its first 429, on top of what the limiter let
	 * through since; that second counts on top of the run's age.
	 */
	private rateOf(successes: number, now: number, waitMs = 0): number {
		const age = now - (this.startedAt ?? now);
		const span =
			age >= WINDOW_MS
				? WINDOW_MS
				: waitMs >= WINDOW_MS
					? age + WINDOW_MS
					: Math.max(100, age, waitMs);
		return (successes * 1000) / span;
	}

	private prune(now: number) {
		for (const replies of [this.successes, this.refusals]) {
			while (replies.length > 0 && replies[0].at <= now - WINDOW_MS) replies.shift();
		}
	}

	recentSuccesses(now: number): number {
		this.prune(now);
		return this.successes.length;
	}

	/** A guessed pace grows by 2% a second, by 25% once 429s stopped or came whatever the pace. */
	onSuccess(now: number, startedAt: number) {
		this.prune(now);
		this.successes.push({ at: now, startedAt });
		// Over whole windows only: a young run's first replies would make a burst look like a rate.
		this.peakRate = Math.max(this.peakRate, (this.successes.length * 1000) / WINDOW_MS);
		if (this.intervalMs && !this.paceFromHeaders) {
			const seconds = (now - this.pacedAt) / 1000;
			if (seconds >= 0.1) {
				const growth =
					this.backgroundAt > this.cutAt
						? BACKGROUND_GROWTH_PER_SECOND
						: now - this.cutAt > RECOVERY_AFTER_MS
							? RECOVERY_PER_SECOND
							: GROWTH_PER_SECOND;
				this.intervalMs /= 1 + growth * seconds;
				this.pacedAt = now;
			}
		}
	}
}
