/** Reading a reply's body under the size cap: whole, as JSON or bytes, or chunk by chunk. */
import { InvalidReplyError } from '../errors';
import { excerpt, NOT_JSON, parseJson } from '../json';
import { BodyLostError } from './failure';

/** Replies larger than this are refused: no chat reply comes near it, a hostile server might. */
export const MAX_REPLY_BYTES = 16 * 1024 * 1024;

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

/** The whole body as bytes, refused over the size cap. */
export async function readCapped(response: Response, maxBytes = MAX_REPLY_BYTES): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of cappedChunks(response, maxBytes)) {
		size += chunk.length;
		chunks.push(chunk);
	}
	// Most replies arrive in one chunk: give it as it is rather than copy it.
	return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
}

/**
 * The body's chunks as they arrive, as Buffers (no copy), refused once they pass the size cap:
 * for files too large to be held whole.
 */
export async function* cappedChunks(
	response: Response,
	maxBytes = MAX_REPLY_BYTES,
): AsyncGenerator<Buffer> {
	let size = 0;
	for await (const chunk of bodyChunks(response)) {
		size += chunk.length;
		if (size > maxBytes) throw tooLarge(maxBytes);
		yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
	}
}

/** The body's chunks as they arrive; a connection lost while reading is a connection failure. */
export async function* bodyChunks(response: Response): AsyncGenerator<Uint8Array> {
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

export function tooLarge(maxBytes: number) {
	return new InvalidReplyError(
		`xAI's reply is larger than ${maxBytes / 1024 / 1024} MiB; the node stops reading there`,
		'',
	);
}
