/**
 * The only file that reaches the network: the openai SDK, pointed at xAI's OpenAI-compatible API.
 * Every SDK failure leaves here as an XaiRequestError, so no other file knows the SDK's classes.
 */
import OpenAI from 'openai';
import type {
	ChatCompletion,
	ChatCompletionChunk,
	ChatCompletionCreateParams,
} from 'openai/resources/chat/completions';

import { XAI_DEFAULT_BASE_URL } from '../../credentials/XAiGrokApi.credentials';

export type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParams };

export interface XaiCredentials {
	apiKey: string;
	baseUrl?: string;
}

export interface CallOptions {
	/** Timeout of one attempt, in ms. */
	timeout?: number;
	maxRetries?: number;
	signal?: AbortSignal;
}

export type XaiFailureKind = 'http' | 'timeout' | 'connection' | 'aborted';

/** A failed call to xAI, with the parts a user needs and nothing of the request (no key). */
export class XaiRequestError extends Error {
	constructor(
		readonly kind: XaiFailureKind,
		message: string,
		readonly status?: number,
		readonly retryAfterSeconds?: number,
	) {
		super(message);
		this.name = 'XaiRequestError';
	}
}

export interface XaiModel {
	id: string;
	/** Only /language-models tells; undefined when the list came from /models. */
	acceptsImages?: boolean;
	aliases?: string[];
}

interface LanguageModel {
	id: string;
	input_modalities?: string[];
	aliases?: string[];
}

export function createXaiClient(credentials: XaiCredentials) {
	return new OpenAI({
		apiKey: credentials.apiKey,
		baseURL: (credentials.baseUrl || XAI_DEFAULT_BASE_URL).replace(/\/+$/, ''),
	});
}

export type XaiClient = ReturnType<typeof createXaiClient>;

export async function createChatCompletion(
	client: XaiClient,
	body: ChatCompletionCreateParams,
	options: CallOptions = {},
): Promise<ChatCompletion> {
	return await callXai(
		client,
		options,
		async (request) => await client.chat.completions.create({ ...body, stream: false }, request),
	);
}

/**
 * Yields the raw SSE chunks. The SDK's `.stream()` helper keeps only the last
 * `reasoning_content` fragment, so the caller assembles the chunks itself. The timeout covers
 * the whole stream, not only its first bytes.
 */
export async function* streamChatCompletion(
	client: XaiClient,
	body: ChatCompletionCreateParams,
	options: CallOptions = {},
): AsyncGenerator<ChatCompletionChunk> {
	const deadline = new Deadline(options);
	try {
		const stream = await client.chat.completions.create(
			{ ...body, stream: true, stream_options: { include_usage: true } },
			deadline.request,
		);
		for await (const chunk of stream) yield chunk;
	} catch (error) {
		throw toXaiRequestError(error, client, deadline);
	} finally {
		deadline.clear();
	}
}

/** Models from /language-models (which tells who takes images), else from /models. */
export async function listModels(client: XaiClient): Promise<XaiModel[]> {
	try {
		const { models } = await callXai(
			client,
			{},
			async (request) => await client.get<{ models: LanguageModel[] }>('/language-models', request),
		);
		return models.map((model) => ({
			id: model.id,
			acceptsImages: model.input_modalities?.includes('image') ?? false,
			aliases: model.aliases,
		}));
	} catch (error) {
		if (!(error instanceof XaiRequestError && error.status === 404)) throw error;
		const { data } = await callXai(
			client,
			{},
			async (request) => await client.get<{ data: Array<{ id: string }> }>('/models', request),
		);
		return data.map((model) => ({ id: model.id }));
	}
}

export interface XaiApiKeyInfo {
	name?: string;
	api_key_blocked?: boolean;
	api_key_disabled?: boolean;
	team_blocked?: boolean;
}

/** GET /api-key: who the key belongs to and whether it may be used; costs no tokens. */
export async function getApiKeyInfo(
	client: XaiClient,
	options: CallOptions = {},
): Promise<XaiApiKeyInfo> {
	return await callXai(
		client,
		options,
		async (request) => await client.get<XaiApiKeyInfo>('/api-key', request),
	);
}

/**
 * The timeout is kept here rather than left to the SDK: an abort then says for sure whether the
 * timeout or the execution's cancel signal ended the request.
 */
class Deadline {
	readonly request: { signal: AbortSignal; maxRetries?: number };

	private readonly timer?: NodeJS.Timeout;

	private timedOut = false;

	constructor({ timeout, maxRetries, signal }: CallOptions) {
		const controller = new AbortController();
		this.request = { signal: controller.signal };
		if (maxRetries !== undefined) this.request.maxRetries = maxRetries;
		if (signal?.aborted) controller.abort();
		signal?.addEventListener('abort', () => controller.abort(), { once: true });
		if (timeout !== undefined) {
			this.timer = setTimeout(() => {
				this.timedOut = true;
				controller.abort();
			}, timeout);
		}
	}

	get expired() {
		return this.timedOut;
	}

	clear() {
		clearTimeout(this.timer);
	}
}

async function callXai<T>(
	client: XaiClient,
	options: CallOptions,
	request: (requestOptions: Deadline['request']) => Promise<T>,
): Promise<T> {
	const deadline = new Deadline(options);
	try {
		return await request(deadline.request);
	} catch (error) {
		throw toXaiRequestError(error, client, deadline);
	} finally {
		deadline.clear();
	}
}

function toXaiRequestError(error: unknown, client: XaiClient, deadline: Deadline): unknown {
	if (deadline.expired) return new XaiRequestError('timeout', 'The request to xAI timed out');
	const failure = describeFailure(error);
	if (!failure) return error;
	// A proxy may echo the key back in its error text: it must never reach an output or a log.
	const message = client.apiKey
		? failure.message.split(client.apiKey).join('***')
		: failure.message;
	return new XaiRequestError(failure.kind, message, failure.status, failure.retryAfterSeconds);
}

/** The SDK's failures, as xAI failures; anything else is a bug and passes through untouched. */
function describeFailure(error: unknown): XaiRequestError | undefined {
	if (error instanceof OpenAI.APIUserAbortError) {
		return new XaiRequestError('aborted', 'The request was cancelled');
	}
	if (error instanceof OpenAI.APIConnectionTimeoutError) {
		return new XaiRequestError('timeout', 'The request to xAI timed out');
	}
	if (error instanceof OpenAI.APIConnectionError) {
		return new XaiRequestError('connection', `Could not reach xAI: ${causeText(error)}`);
	}
	if (error instanceof OpenAI.APIError && error.status) {
		return new XaiRequestError(
			'http',
			xaiMessage(error.error, error.message),
			error.status,
			retryAfterSeconds(error.headers),
		);
	}
	return undefined;
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

function retryAfterSeconds(headers: Headers | undefined): number | undefined {
	const ms = Number(headers?.get('retry-after-ms'));
	if (ms > 0) return ms / 1000;
	const value = headers?.get('retry-after');
	if (!value) return undefined;
	const seconds = Number(value);
	if (!Number.isNaN(seconds)) return seconds;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

function causeText(error: Error): string {
	const cause = (error as { cause?: { code?: string; message?: string } }).cause;
	return cause?.code ?? cause?.message ?? error.message;
}
