import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { remedyFor } from '../errors';
import type { XaiCredentials } from '../transport';
import { createXaiClient, getApiKeyInfo, XaiRequestError } from '../transport';

/** Asks GET /api-key, which costs no tokens, and says plainly what is wrong with the key. */
export async function xAiGrokApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const client = createXaiClient(credential.data as unknown as XaiCredentials);
	try {
		const info = await getApiKeyInfo(client, { maxRetries: 0, timeout: 15000 });
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
		if (!(error instanceof XaiRequestError)) throw error;
		const status = error.status ? `xAI error ${error.status}: ` : '';
		return { status: 'Error', message: `${status}${error.message}. ${remedyFor(error)}` };
	}
}
