/** The SDK client on the credential: a key and Base URL that cannot be sent are refused here. */
import OpenAI from 'openai';

import { XAI_DEFAULT_BASE_URL } from '../../../credentials/XAiGrokApi.credentials';
import { XaiRequestError } from '../errors';
import { netFetch } from './network';

export type { ChatCompletionCreateParams } from 'openai/resources/chat/completions';

export interface XaiCredentials {
	apiKey: string;
	baseUrl?: string;
}

export type XaiClient = OpenAI;

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
		// The SDK reads these from the host's environment (OPENAI_ORG_ID, …) unless told otherwise:
		// nothing of the n8n host's own OpenAI setup goes to xAI.
		organization: null,
		project: null,
		adminAPIKey: null,
		webhookSecret: null,
		defaultHeaders: hostHeadersRemoved(),
		fetch: fetchWithoutFingerprint,
		// A redirect would re-send the prompt and the key to wherever it points.
		fetchOptions: { redirect: 'manual' },
	});
}

/** Headers the SDK would take from OPENAI_CUSTOM_HEADERS, each unset (a null default removes it). */
function hostHeadersRemoved(): Record<string, null> {
	const lines = process.env.OPENAI_CUSTOM_HEADERS?.split('\n') ?? [];
	const names = lines.filter((line) => line.includes(':')).map((line) => line.split(':')[0].trim());
	return Object.fromEntries(names.filter(Boolean).map((name) => [name, null]));
}

/** The SDK's own `x-stainless-*` fingerprint of the host and `openai-*` headers never leave. */
const FOREIGN_HEADER = /^(x-stainless-|openai-)/i;

async function fetchWithoutFingerprint(input: string | URL | Request, init?: RequestInit) {
	const headers = new Headers(init?.headers);
	for (const name of [...headers.keys()]) {
		if (FOREIGN_HEADER.test(name)) headers.delete(name);
	}
	return await netFetch(input, { ...init, headers });
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
