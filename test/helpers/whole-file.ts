import type { ArrivingFile } from '../../nodes/shared/transport';

/** Receives a download whole, as the tests of the transport look at it. */
export async function wholeFile({ chunks, contentType }: ArrivingFile) {
	const parts: Buffer[] = [];
	for await (const chunk of chunks) parts.push(chunk);
	return { bytes: Buffer.concat(parts), contentType };
}
