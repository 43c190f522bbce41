/** How long a run may be rate-limited without a success before its items give up. */
import { XaiRequestError } from '../errors';
import { MAX_RETRY_WAIT_MS } from './retryPolicy';

export const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = MAX_RETRY_WAIT_MS;

export class RateLimitBudget {
	/** When the current run of 429s began (no success since), if one is under way. */
	private rateLimitedSince?: number;

	constructor(
		private readonly maxRateLimitWaitMs: number,
		private readonly now: () => number,
	) {}

	onRateLimited(now: number) {
		this.rateLimitedSince ??= now;
	}

	onSuccess() {
		this.rateLimitedSince = undefined;
	}

	/** Would waiting out the current pause exceed the time the run may spend rate-limited? */
	spent(pausedUntil: number): boolean {
		if (this.rateLimitedSince === undefined) return false;
		const until = Math.max(this.now(), pausedUntil);
		return until - this.rateLimitedSince > this.maxRateLimitWaitMs;
	}

	giveUp(failure?: XaiRequestError): XaiRequestError {
		const seconds = Math.round(this.maxRateLimitWaitMs / 1000);
		const why = `xAI has answered every request of this execution with 429 (rate limited) for ${seconds} s, the Max Rate-Limit Wait`;
		return new XaiRequestError(
			'http',
			failure ? `${failure.message} (${why})` : `Not sent: ${why}`,
			429,
			failure?.retryAfterSeconds,
		);
	}
}
