/**
 * The only file that reaches the network: the openai SDK, pointed at xAI's OpenAI-compatible API.
 * The SDK builds and sends requests and maps HTTP errors; the bodies of successful replies are
 * read here, under one deadline for the whole reply, with a size cap, and every failure leaves
 * as an XaiRequestError or InvalidReplyError, so no other file knows the SDK's classes.
 */
import OpenAI from 'openai';
import { createParser } from 'eventsource-parser';

import { XAI_DEFAULT_BASE_URL } from '../../credentials/XAiGrokApi.credentials';
import { InvalidReplyError, XaiRequestError } from './errors';
import { excerpt, NOT_JSON, parseJson } from './json';

export type { ChatCompletionCreateParams } from 'openai/resources/chat/completions';

export interface XaiCredentials {
	apiKey: string;
	baseUrl?: string;
}

export type XaiClient = OpenAI;

/** One request to xAI; a `FormData` body is sent as multipart/form-data (file uploads). */
export interface XaiCall {
	method: 'get' | 'post' | 'delete';
	path: string;
	body?: object | FormData;
	query?: Record<string, string | number | undefined>;
	headers?: Record<string, string>;
}

export interface ExchangeOptions {
	/** For the whole reply, body or stream included, in ms. */
	timeoutMs: number;
	/** The execution's cancel signal. */
	signal?: AbortSignal;
}

/** What had arrived of a reply, for the message and `rawReply` of a cut-off one. */
export interface Progress {
	text: string;
}

/** One server-sent event; `data` is parsed JSON, or the string `[DONE]`. */
export interface SseEvent {
	event?: string;
	data: unknown;
}

/** Replies larger than this are refused: no chat reply comes near it, a hostile server might. */
export const MAX_REPLY_BYTES = 16 * 1024 * 1024;
/** The longest timer Node.js keeps (about 24.8 days). */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * A client on the credential. The key is trimmed once, here; a key or Base URL that cannot be
 * sent is a credential error that quotes neither.
 */
export function createXaiClient(credentials: XaiCredentials): XaiClient {
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey.trim() : '';
	if (!apiKey) {
		throw new XaiRequestError('credential', 'The xAI Grok API credential has no API key');
	}
	if (!/^[\x21-\x7e]+$/.test(apiKey)) {
		throw new XaiRequestError(
			'credential',
			'The API key in the xAI Grok API credential contains a space, line break or other character that cannot be sent: paste the key again',
		);
	}
	return new OpenAI({
		apiKey,
		baseURL: checkedBaseUrl(credentials.baseUrl),
		maxRetries: 0,
		logLevel: 'off',
		// A redirect would re-send the prompt and the key to wherever it points.
		fetchOptions: { redirect: 'manual' },
	});
}

function checkedBaseUrl(value: unknown): string {
	const text = typeof value === 'string' && value.trim() ? value.trim() : XAI_DEFAULT_BASE_URL;
	if (!URL.canParse(text)) {
		throw new XaiRequestError(
			'credential',
			'The Base URL in the xAI Grok API credential is not a URL',
		);
	}
	const url = new URL(text);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new XaiRequestError('credential', 'The Base URL must start with https://');
	}
	if (url.username || url.password) {
		throw new XaiRequestError(
			'credential',
			'The Base URL contains a user name or password, which cannot be sent that way: remove them',
		);
	}
	return text.replace(/\/+$/, '');
}

/**
 * Sends `call` and hands the successful reply to `read`, all under one deadline: the timeout and
 * the cancel signal end the body or stream too, not only the wait for headers.
 */
export async function exchange<T>(
	client: XaiClient,
	call: XaiCall,
	options: ExchangeOptions,
	read: (response: Response, progress: Progress) => Promise<T>,
): Promise<T> {
	const deadline = new Deadline(options);
	const progress: Progress = { text: '' };
	try {
		const response = await client[call.method](call.path, {
			body: call.body as Record<string, unknown>,
			query: call.query,
			headers: call.headers,
			signal: deadline.signal,
			timeout: options.timeoutMs,
			maxRetries: 0,
		}).asResponse();
		return await read(response, progress);
	} catch (error) {
		throw deadline.explain(error, progress.text);
	} finally {
		deadline.clear();
	}
}

const utf8 = new TextDecoder();

/**
 * The whole body as JSON, refused when not JSON or over the size cap (16 MiB unless `maxBytes`),
 * and when empty unless `allowEmpty` (then undefined: xAI answers a job still running with 202
 * and, at times, no body).
 */
export async function readJson(
	response: Response,
	{
		allowEmpty = false,
		maxBytes = MAX_REPLY_BYTES,
	}: { allowEmpty?: boolean; maxBytes?: number } = {},
): Promise<unknown> {
	const text = utf8.decode(await readCapped(response, maxBytes));
	if (!text.trim()) {
		if (allowEmpty) return undefined;
		throw new InvalidReplyError('xAI answered with an empty body', '');
	}
	const value = parseJson(text);
	if (value === NOT_JSON) {
		throw new InvalidReplyError('xAI answered with something that is not JSON', excerpt(text));
	}
	return value;
}

/** The whole body as bytes (audio, say), refused over the size cap. */
export async function readBytes(response: Response, maxBytes = MAX_REPLY_BYTES): Promise<Buffer> {
	return await readCapped(response, maxBytes);
}

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

/** The whole body as bytes, refused over the size cap. */
async function readCapped(response: Response, maxBytes = MAX_REPLY_BYTES): Promise<Buffer> {
	const chunks: Uint8Array[] = [];
	let size = 0;
	for await (const chunk of bodyChunks(response)) {
		size += chunk.length;
		if (size > maxBytes) throw tooLarge(maxBytes);
		chunks.push(chunk);
	}
	// Most replies arrive in one chunk: wrap it rather than copy it.
	if (chunks.length === 1) return Buffer.from(chunks[0].buffer, chunks[0].byteOffset, size);
	return Buffer.concat(chunks, size);
}

/**
 * The events of an SSE reply, their data parsed. An error that xAI reports inside the stream
 * (`event: error`, or an `error` field in the data) is thrown as what it is.
 */
export async function* readEvents(
	response: Response,
	maxBytes = MAX_REPLY_BYTES,
): AsyncGenerator<SseEvent> {
	const queue: SseEvent[] = [];
	let unparsable: string | undefined;
	const parser = createParser({
		onEvent: ({ event, data }) => {
			if (unparsable !== undefined) return;
			if (data === '[DONE]') {
				queue.push({ event, data });
				return;
			}
			const value = parseJson(data);
			if (value === NOT_JSON) unparsable = data;
			else queue.push({ event, data: value });
		},
	});
	const decoder = new TextDecoder();
	let size = 0;
	for await (const chunk of bodyChunks(response)) {
		size += chunk.length;
		if (size > maxBytes) throw tooLarge(maxBytes);
		parser.feed(decoder.decode(chunk, { stream: true }));
		while (queue.length > 0) {
			const next = queue.shift() as SseEvent;
			throwIfStreamError(next);
			yield next;
		}
		if (unparsable !== undefined) {
			throw new InvalidReplyError('xAI sent a stream event that is not JSON', excerpt(unparsable));
		}
	}
}

function throwIfStreamError({ event, data }: SseEvent) {
	const payload = (typeof data === 'object' && data !== null ? data : {}) as Record<
		string,
		unknown
	>;
	const reported = event === 'error' || payload.type === 'error' || 'error' in payload;
	if (!reported || 'choices' in payload) return;
	const inner = (payload.error ?? payload) as Record<string, unknown> | string;
	const message =
		typeof inner === 'string'
			? inner
			: typeof inner.message === 'string'
				? inner.message
				: typeof payload.message === 'string'
					? payload.message
					: JSON.stringify(data);
	const status = [payload.status, (inner as Record<string, unknown>).status, payload.code].find(
		(value): value is number => typeof value === 'number' && value >= 400 && value < 600,
	);
	throw new XaiRequestError('http', `xAI reported an error during the reply: ${message}`, status);
}

/** The body's chunks as they arrive; a connection lost while reading is a connection failure. */
async function* bodyChunks(response: Response): AsyncGenerator<Uint8Array> {
	if (!response.body) return;
	const reader = response.body.getReader();
	try {
		for (;;) {
			const result = await reader
				.read()
				.catch((error: unknown) => Promise.reject(new BodyLostError(error)));
			if (result.done) return;
			yield result.value;
		}
	} finally {
		reader.cancel().catch(() => undefined);
	}
}

class BodyLostError extends Error {
	constructor(readonly reason: unknown) {
		super('body lost');
	}
}

/** A download that got no answer at all. */
class DownloadFailedError extends Error {
	constructor(readonly reason: unknown) {
		super('download failed');
	}
}

function tooLarge(maxBytes: number) {
	return new InvalidReplyError(
		`xAI's reply is larger than ${maxBytes / 1024 / 1024} MiB; the node stops reading there`,
		'',
	);
}

/**
 * One attempt's timeout, linked to the execution's cancel signal. Because it is kept here rather
 * than left to the SDK, an abort says for sure whether the timeout or the cancel ended it.
 */
class Deadline {
	private readonly controller = new AbortController();

	private readonly timer: NodeJS.Timeout;

	private cause?: 'timeout' | 'cancel';

	private readonly onCancel = () => this.abort('cancel');

	constructor(private readonly options: ExchangeOptions) {
		this.timer = setTimeout(() => this.abort('timeout'), options.timeoutMs);
		if (options.signal?.aborted) this.abort('cancel');
		else options.signal?.addEventListener('abort', this.onCancel, { once: true });
	}

	get signal() {
		return this.controller.signal;
	}

	clear() {
		clearTimeout(this.timer);
		this.options.signal?.removeEventListener('abort', this.onCancel);
	}

	private abort(cause: 'timeout' | 'cancel') {
		this.cause ??= cause;
		this.controller.abort();
	}

	/** Any failure of the attempt, as what a user needs to know; `partial` is what had arrived. */
	explain(error: unknown, partial: string): unknown {
		const cut = (what: string) =>
			`xAI stopped after ${partial.length} characters: the reply is incomplete (${what})`;
		const kept = partial || undefined;
		if (this.cause === 'timeout') {
			const seconds = Math.round(this.options.timeoutMs / 100) / 10;
			const what = `the Timeout of ${seconds} s ran out`;
			return new XaiRequestError(
				'timeout',
				partial ? cut(what) : 'The request to xAI timed out',
				undefined,
				undefined,
				kept,
			);
		}
		if (this.cause === 'cancel' || error instanceof OpenAI.APIUserAbortError) {
			const what = 'the execution was cancelled';
			return new XaiRequestError(
				'aborted',
				partial ? cut(what) : 'The request was cancelled',
				undefined,
				undefined,
				kept,
			);
		}
		if (error instanceof BodyLostError) {
			const what = `the connection was lost: ${causeText(error.reason)}`;
			return new XaiRequestError(
				'connection',
				partial
					? cut(what)
					: `The connection to xAI was lost while the reply was arriving (${causeText(error.reason)})`,
				undefined,
				undefined,
				kept,
			);
		}
		if (error instanceof DownloadFailedError) {
			return new XaiRequestError(
				'connection',
				`Could not download the file xAI made: ${causeText(error.reason)}`,
			);
		}
		if (error instanceof OpenAI.APIConnectionTimeoutError) {
			return new XaiRequestError('timeout', 'The request to xAI timed out');
		}
		if (error instanceof OpenAI.APIConnectionError) {
			return new XaiRequestError('connection', `Could not reach xAI: ${causeText(error)}`);
		}
		if (error instanceof OpenAI.APIError && error.status) {
			if (error.status >= 300 && error.status < 400) {
				const location = error.headers?.get('location');
				const where = location ? ` to ${excerpt(location, 100)}` : '';
				return new XaiRequestError(
					'http',
					`The Base URL answered with a redirect (${error.status})${where}; the node does not follow redirects, so nothing was sent there`,
					error.status,
				);
			}
			return new XaiRequestError(
				'http',
				xaiMessage(error.error, error.message),
				error.status,
				retryAfterSeconds(error.headers),
			);
		}
		return error;
	}
}

/**
 * xAI answers errors as `{code, error: "<message>"}`; the SDK keeps only `error` and quotes it in
 * its own message. Proxies may answer in OpenAI's shape, `{error: {message}}`.
 */
function xaiMessage(body: unknown, sdkMessage: string): string {
	if (typeof body === 'string' && body) return body;
	const nested = (body as { message?: unknown } | undefined)?.message;
	if (typeof nested === 'string' && nested) return nested;
	return sdkMessage.replace(/^\d{3}\s+/, '');
}

/** Retry-After as seconds or an HTTP date; a negative or endless wait counts as none given. */
function retryAfterSeconds(headers: Headers | undefined): number | undefined {
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

function causeText(error: unknown): string {
	const cause = (error as { cause?: { code?: string; message?: string } }).cause;
	const own = (error as { code?: string; message?: string }).code ?? (error as Error).message;
	return cause?.code ?? cause?.message ?? own ?? String(error);
}
