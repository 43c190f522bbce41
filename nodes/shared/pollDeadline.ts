/**
 * A poll inside a wait that ends at a deadline (Max Wait): its Timeout is cut to the time left,
 * so a poll that never answers ends the wait at the deadline, not at the Timeout.
 */
import { XaiRequestError } from './errors';
import type { CallSettings } from './options';
import type { XaiRequest, XaiSession } from './session';

/** The reply, or undefined when the deadline cut the request short (a timeout under the cut). */
export async function sendBefore<Reply>(
	session: XaiSession,
	request: XaiRequest<Reply>,
	settings: CallSettings,
	deadline: number,
): Promise<Reply | undefined> {
	const leftMs = deadline - Date.now();
	const cut = leftMs < settings.timeoutMs;
	const timeoutMs = Math.max(1, Math.ceil(Math.min(settings.timeoutMs, leftMs)));
	return await session
		.send(request, { ...settings, timeoutMs })
		.catch(async (error: unknown) =>
			cut && error instanceof XaiRequestError && error.kind === 'timeout'
				? undefined
				: await Promise.reject(error),
		);
}
