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
		async () => await client.chat.completions.create({ ...body, stream: false }, options),
	);
}

/**
 * Yields the raw SSE chunks. The SDK's `.stream()` helper keeps only the last
 * `reasoning_content` fragment, so the caller assembles the chunks itself.
 */
export async function* streamChatCompletion(
	client: XaiClient,
	body: ChatCompletionCreateParams,
	options: CallOptions = {},
): AsyncGenerator<ChatCompletionChunk> {
	const stream = await callXai(
		client,
		async () =>
			await client.chat.completions.create(
				{ ...body, stream: true, stream_options: { include_usage: true } },
				options,
			),
	);
	try {
		for await (const chunk of stream) yield chunk;
	} catch (error) {
		throw toXaiRequestError(error, client.apiKey ?? '');
	}
}

/** Models from /language-models (which tells who takes images), else from /models. */
export async function listModels(client: XaiClient): Promise<XaiModel[]> {
	try {
		const { models } = await callXai(
			client,
			async () =>
				await client.get<{ models: LanguageModel[] }>(
					'/language-models',
				),
		);
		return models.map((model) => ({
			id: model.id,
			acceptsImages: model.input_modalities?.includes('image') ?? false,
			aliases: model.aliases,
		}));
	} catch (error) {
		if (error instanceof XaiRequestError && error.status === 404) {
			const { data } = await callXai(
				client,
				async () => await client.get<{ data: Array<{ id: string }> }>('/models'),
			);
			return data.map((model) => ({ id: model.id }));
		}
		throw error;
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
		async () => await client.get<XaiApiKeyInfo>('/api-key', options),
	);
}

async function callXai<T>(client: XaiClient, request: () => Promise<T>): Promise<T> {
	try {
		return await request();
	} catch (error) {
		throw toXaiRequestError(error, client.apiKey ?? '');
	}
}

function toXaiRequestError(error: unknown, apiKey: string): unknown {
	const failure = describeFailure(error);
	if (!failure) return error;
	// A proxy may echo the key back in its error text: it must never reach an output or a log.
	const message = apiKey ? failure.message.split(apiKey).join('***') : failure.message;
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
