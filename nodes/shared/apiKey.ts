/** The API key's own record at xAI: whose it is and whether it may be used. */
import { getJson } from './accountRequest';
import { notA } from './errors';
import type { XaiClient } from './transport';

export interface XaiApiKeyInfo {
	name?: string;
	api_key_blocked?: boolean;
	api_key_disabled?: boolean;
	team_blocked?: boolean;
}

/** GET /api-key: who the key belongs to and whether it may be used. */
export async function getApiKeyInfo(client: XaiClient): Promise<XaiApiKeyInfo> {
	const info = (await getJson(client, '/api-key')) as Record<string, unknown> | null;
	// Any server answering 200 is not xAI: its record always names the key and its flags.
	const looksRight =
		typeof info === 'object' &&
		info !== null &&
		!Array.isArray(info) &&
		typeof info.api_key_blocked === 'boolean' &&
		(typeof info.redacted_api_key === 'string' || typeof info.api_key_id === 'string');
	if (!looksRight) throw notA("xAI's record of an API key", info);
	return info as XaiApiKeyInfo;
}
