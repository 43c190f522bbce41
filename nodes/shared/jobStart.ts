/**
 * Requests that start a billed job (a batch, a video) are never sent twice by accident: a retry
 * is allowed only when xAI certainly did not accept the first one, and a failure that leaves it
 * open says so, with where to look, so the user neither loses a running job nor starts a second.
 */
import { InvalidReplyError, XaiRequestError } from './errors';

/** Marks a request as one that starts a job; `howToFind` tells a user where such a job shows. */
export interface JobStart {
	howToFind: string;
}

/**
 * Whether xAI certainly did not accept the request: it was never sent (no connection, a cancel
 * before it), or xAI refused it with a 4xx (a 429 included). A 5xx, a lost connection or a
 * timeout after sending, or an unreadable reply, may each follow an accepted job.
 */
export function certainlyNotAccepted(error: unknown): boolean {
	if (!(error instanceof XaiRequestError)) return false;
	if (error.notSent || error.kind === 'credential') return true;
	return (
		error.kind === 'http' && error.status !== undefined && error.status >= 400 && error.status < 500
	);
}

/** `error`, told that a job may have started when that cannot be ruled out. */
export function mayHaveStarted(error: unknown, job: JobStart): unknown {
	if (certainlyNotAccepted(error)) return error;
	const note = `; a job may have started anyway and was not sent again: ${job.howToFind}`;
	if (error instanceof XaiRequestError) {
		const annotated = new XaiRequestError(
			error.kind,
			`${error.message}${note}`,
			error.status,
			error.retryAfterSeconds,
			error.partialText,
		);
		return annotated;
	}
	if (error instanceof InvalidReplyError) {
		return new InvalidReplyError(`${error.message}${note}`, error.rawText);
	}
	return error;
}
