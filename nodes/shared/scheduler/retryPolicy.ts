/** Which failures are sent again, and how long each retry waits first. */
import { XaiRequestError } from '../errors';

/** Retry-After waits longer than this fail the item instead, with the wait in the message. */
export const MAX_RETRY_WAIT_MS = 120_000;
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

export function waitBeforeRetry(
	error: XaiRequestError,
	retry: number,
	random: () => number,
): number {
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
		return waitMs * (1 + random() * 0.1);
	}
	const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** retry);
	return ceiling / 2 + (random() * ceiling) / 2;
}
