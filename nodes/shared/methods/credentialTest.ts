import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { InvalidReplyError, remedyFor, XaiRequestError } from '../errors';
import { getApiKeyInfo } from '../apiKey';
import { redactor, secretsOf } from '../redact';
import type { XaiCredentials } from '../transport';
import { createXaiClient } from '../transport';

/** Asks GET /api-key, which costs no tokens, and says plainly what is wrong with the key. */
export async function xAiGrokApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const credentials = (credential.data ?? {}) as unknown as XaiCredentials;
	const redact = redactor(secretsOf(credentials));
	try {
		const info = await getApiKeyInfo(createXaiClient(credentials));
		if (info.api_key_blocked || info.api_key_disabled) {
			return {
				status: 'Error',
				message: 'The API key is blocked or disabled: check it at console.x.ai',
			};
		}
		if (info.team_blocked) {
			return {
				status: 'Error',
				message: "The key's xAI team is blocked: check it at console.x.ai",
			};
		}
		return { status: 'OK', message: 'Connection successful' };
	} catch (error) {
		return { status: 'Error', message: redact(failureText(error)) };
	}
}

function failureText(error: unknown): string {
	if (error instanceof XaiRequestError) {
		const status = error.status ? `xAI error ${error.status}: ` : '';
		return `${status}${error.message}. ${remedyFor(error)}`;
	}
	if (error instanceof InvalidReplyError) {
		return `${error.message} (${error.rawText || 'nothing'}): check the Base URL points at xAI's API`;
	}
	return String((error as Error)?.message ?? error);
}
