/** Fetching a file xAI made from the temporary URL it gave, away from the API and its key. */
import { InvalidReplyError, XaiRequestError } from '../errors';
import { excerpt } from '../json';
import { cappedChunks } from './body';
import { Deadline } from './deadline';
import type { ExchangeOptions } from './exchange';
import { DownloadFailedError, retryAfterSeconds } from './failure';
import { mediaUrlRefusal } from './mediaPolicy';
import { netFetch } from './network';

/** Redirects followed on the file's own host; one to another host is refused. */
export const MAX_MEDIA_REDIRECTS = 3;

export interface DownloadOptions extends ExchangeOptions {
	maxBytes: number;
	/** The API's address: its host may serve files over http too (see mediaPolicy). */
	baseUrl: string;
}

/** A file as it arrives: its chunks, refused past the size cap, and the type its host named. */
export interface ArrivingFile {
	chunks: AsyncIterable<Buffer>;
	contentType?: string;
}

/**
 * Fetches a file xAI made (a generated image or video) from the temporary URL it gave and hands
 * it to `receive` as it arrives (to be stored, never held whole), all under one deadline. The URL
 * is on another host than the API: nothing but a plain GET goes there, never the key or any
 * header of the credential; where it may point is mediaPolicy's rule, checked before any
 * connection and again at each same-host redirect.
 */
export async function download<T>(
	url: string,
	options: DownloadOptions,
	receive: (file: ArrivingFile) => Promise<T>,
): Promise<T> {
	if (!URL.canParse(url)) {
		throw new InvalidReplyError('xAI gave a file URL that is not a URL', excerpt(url));
	}
	let target = checked(new URL(url), options.baseUrl);
	const deadline = new Deadline(options);
	try {
		for (let hop = 0; ; hop++) {
			const response = await netFetch(target, {
				signal: deadline.signal,
				redirect: 'manual',
			}).catch((error: unknown) => Promise.reject(new DownloadFailedError(error)));
			const location = response.headers.get('location');
			if (response.status >= 300 && response.status < 400 && location) {
				await response.body?.cancel().catch(() => undefined);
				target = redirected(target, location, hop, options.baseUrl);
				continue;
			}
			if (!response.ok) {
				await response.body?.cancel().catch(() => undefined);
				throw new XaiRequestError(
					'http',
					`Downloading the file xAI made failed: ${target.host} answered ${response.status}${response.status === 403 || response.status === 404 ? ' (the temporary URL may have expired)' : ''}`,
					response.status,
					retryAfterSeconds(response.headers),
				);
			}
			return await receive({
				chunks: cappedChunks(response, options.maxBytes),
				contentType: response.headers.get('content-type') ?? undefined,
			});
		}
	} catch (error) {
		const failure = deadline.explain(error, '');
		if (failure instanceof XaiRequestError && failure.kind === 'timeout') {
			const seconds = Math.round(options.timeoutMs / 100) / 10;
			const timedOut = new XaiRequestError(
				'timeout',
				`Downloading the file xAI made from ${target.host} timed out (the Timeout of ${seconds} s ran out)`,
			);
			timedOut.remedy =
				'Raise the Timeout option for large files, or run the item again soon: the temporary URL expires';
			throw timedOut;
		}
		throw failure;
	} finally {
		deadline.clear();
	}
}

function checked(target: URL, baseUrl: string): URL {
	const refusal = mediaUrlRefusal(target, baseUrl);
	if (refusal) {
		throw new InvalidReplyError(
			`xAI gave a file URL on ${target.host || target.protocol} that the node does not fetch: ${refusal}`,
			excerpt(target.href),
		);
	}
	return target;
}

function redirected(from: URL, location: string, hop: number, baseUrl: string): URL {
	const next = URL.canParse(location, from.href) ? new URL(location, from) : undefined;
	if (!next || next.hostname !== from.hostname) {
		throw new InvalidReplyError(
			`The file host ${from.host} redirected to ${next?.host ?? 'an invalid address'}; the node follows redirects on the same host only`,
			excerpt(location),
		);
	}
	if (hop >= MAX_MEDIA_REDIRECTS) {
		throw new InvalidReplyError(
			`The file host ${from.host} redirected more than ${MAX_MEDIA_REDIRECTS} times`,
			excerpt(location),
		);
	}
	return checked(next, baseUrl);
}
