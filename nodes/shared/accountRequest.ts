/** The GET to xAI's account endpoints, which cost no tokens: model and voice lists, key record. */
import type { XaiCall, XaiClient } from './transport';
import { exchange, readJson } from './transport';

const TIMEOUT_MS = 15_000;

export async function getJson(client: XaiClient, path: string): Promise<unknown> {
	const call: XaiCall = { method: 'get', path };
	return await exchange(
		client,
		call,
		{ timeoutMs: TIMEOUT_MS },
		async (response) => await readJson(response),
	);
}
