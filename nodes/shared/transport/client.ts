/** The SDK client on the credential: a key and Base URL that cannot be sent are refused here. */
import OpenAI from 'openai';

import { XAI_DEFAULT_BASE_URL } from '../../../credentials/XAiGrokApi.credentials';
import { XaiRequestError } from '../errors';

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
