/** The transport's own failure markers, and the parts of an HTTP failure a message is made of. */

/** A body that broke off while being read: told apart from the SDK's own failures. */
export class BodyLostError extends Error {
	constructor(readonly reason: unknown) {
		super('body lost');
	}
}

/** A download that got no answer at all. */
export class DownloadFailedError extends Error {
	constructor(readonly reason: unknown) {
		super('download failed');
	}
}

/**
 * xAI answers errors as `{code, error: "<message>"}`; the SDK keeps only `error` and quotes it in
 * its own message. Proxies may answer in OpenAI's shape, `{error: {message}}`.
 */
export function xaiMessage(body: unknown, sdkMessage: string): string {
	if (typeof body === 'string' && body) return body;
	const nested = (body as { message?: unknown } | undefined)?.message;
	if (typeof nested === 'string' && nested) return nested;
	return sdkMessage.replace(/^\d{3}\s+/, '');
}

/** Retry-After as seconds or an HTTP date; a negative or endless wait counts as none given. */
export function retryAfterSeconds(headers: Headers | undefined): number | undefined {
	const ms = Number(headers?.get('retry-after-ms'));
	if (Number.isFinite(ms) && ms > 0) return ms / 1000;
	const value = headers?.get('retry-after')?.trim();
	if (!value) return undefined;
	const seconds = Number(value);
	if (value !== '' && !Number.isNaN(seconds)) {
		return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
	}
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

export function causeText(error: unknown): string {
	const cause = (error as { cause?: { code?: string; message?: string } }).cause;
	const own = (error as { code?: string; message?: string }).code ?? (error as Error).message;
	return cause?.code ?? cause?.message ?? own ?? String(error);
}
