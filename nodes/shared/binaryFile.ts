/**
 * A file that arrives in chunks (a video, an image, audio) stored as n8n binary data as it comes:
 * judged by its first bytes, then handed to n8n as one stream, so that in n8n's filesystem mode
 * (the one queue mode needs) it goes to disk and is never held whole in memory.
 */
import { Readable } from 'node:stream';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

/** What is read before the file's type is judged: every signature, and an error's excerpt. */
export const HEAD_BYTES = 4096;

/** The first bytes of a file, and whether they are the whole of it. */
export interface FileHead {
	bytes: Buffer;
	whole: boolean;
}

export interface StoredFile {
	binary: IBinaryData;
	mimeType: string;
	fileName: string;
	/** How many bytes were stored. */
	size: number;
}

/**
 * Reads the first bytes of `chunks`, lets `typeOf` name the file's type (it throws for what is not
 * the file expected), then stores the file under the name `nameOf` gives that type.
 */
export async function storeFile(
	ctx: IExecuteFunctions,
	chunks: AsyncIterable<Buffer>,
	typeOf: (head: FileHead) => string,
	nameOf: (mimeType: string) => string,
): Promise<StoredFile> {
	const source = chunks[Symbol.asyncIterator]();
	const first: Buffer[] = [];
	let headSize = 0;
	let whole = false;
	try {
		while (headSize < HEAD_BYTES) {
			const next = await source.next();
			if (next.done) {
				whole = true;
				break;
			}
			first.push(next.value);
			headSize += next.value.length;
		}
		const mimeType = typeOf({ bytes: Buffer.concat(first, headSize), whole });
		let size = headSize;
		const counted = async function* () {
			yield* first;
			if (whole) return;
			for (let next = await source.next(); !next.done; next = await source.next()) {
				size += next.value.length;
				yield next.value;
			}
		};
		const fileName = nameOf(mimeType);
		const binary = await ctx.helpers.prepareBinaryData(
			Readable.from(counted(), { objectMode: false }),
			fileName,
			mimeType,
		);
		return { binary, mimeType, fileName, size };
	} finally {
		// Whatever stopped early (a refused type, a failed write) releases the connection; not
		// awaited: a read still pending ends with the download's deadline.
		source.return?.().catch(() => undefined);
	}
}

/** A file already whole in memory (base64 in a reply), judged and stored the same way. */
export async function storeBytes(
	ctx: IExecuteFunctions,
	bytes: Buffer,
	typeOf: (head: FileHead) => string,
	nameOf: (mimeType: string) => string,
): Promise<StoredFile> {
	const mimeType = typeOf({ bytes, whole: true });
	const fileName = nameOf(mimeType);
	const binary = await ctx.helpers.prepareBinaryData(bytes, fileName, mimeType);
	return { binary, mimeType, fileName, size: bytes.length };
}
