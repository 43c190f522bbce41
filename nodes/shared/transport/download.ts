/** Fetching a file xAI made from the temporary URL it gave, away from the API and its key. */
import { InvalidReplyError, XaiRequestError } from '../errors';
import { excerpt } from '../json';
import { readCapped } from './body';
import { Deadline } from './deadline';
import type { ExchangeOptions } from './exchange';
import { DownloadFailedError, retryAfterSeconds } from './failure';

/**
 * Fetches a file xAI made (a generated image or video) from the temporary URL it gave, under one
 * deadline. The URL is on another host than the API: nothing but a plain GET goes there, never
 * the key or any header of the credential.
 */
export async function download(
	url: string,
	options: ExchangeOptions & { maxBytes: number },
): Promise<{ bytes: Buffer; contentType?: string }> {
	if (!URL.canParse(url)) {
		throw new InvalidReplyError('xAI gave a file URL that is not a URL', excerpt(url));
	}
	const target = new URL(url);
	if (target.protocol !== 'https:' && target.protocol !== 'http:') {
		throw new InvalidReplyError('xAI gave a file URL that is not http(s)', excerpt(url));
	}
	const deadline = new Deadline(options);
	try {
		const response = await fetch(target, { signal: deadline.signal, redirect: 'follow' }).catch(
			(error: unknown) => Promise.reject(new DownloadFailedError(error)),
		);
		if (!response.ok) {
			await response.body?.cancel().catch(() => undefined);
			throw new XaiRequestError(
				'http',
				`Downloading the file xAI made failed: ${target.host} answered ${response.status}${response.status === 403 || response.status === 404 ? ' (the temporary URL may have expired)' : ''}`,
				response.status,
				retryAfterSeconds(response.headers),
			);
		}
		const bytes = await readCapped(response, options.maxBytes);
		return { bytes, contentType: response.headers.get('content-type') ?? undefined };
	} catch (error) {
		throw deadline.explain(error, '');
	} finally {
		deadline.clear();
	}
}
