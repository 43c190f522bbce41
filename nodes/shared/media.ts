/**
 * What a file's bytes are, told by its first bytes (its magic numbers), never by the name or mime
 * type it claims: the one rule for every node that receives media from xAI or a file host. A
 * gateway's HTML page or a JSON error answering 200 is text, not an image, a video or audio.
 */

export interface MediaType {
	mimeType: string;
	extension: string;
}

/** The character codes of `text`, for signatures written as text ("RIFF"). */
export const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** Whether `bytes` hold `signature` at `offset`. */
export const startsWith = (bytes: Buffer, signature: number[], offset = 0) =>
	bytes.length >= offset + signature.length &&
	signature.every((byte, i) => bytes[offset + i] === byte);

const IMAGES: Array<[MediaType, (bytes: Buffer) => boolean]> = [
	[
		{ mimeType: 'image/png', extension: 'png' },
		(b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	],
	[{ mimeType: 'image/jpeg', extension: 'jpg' }, (b) => startsWith(b, [0xff, 0xd8, 0xff])],
	[
		{ mimeType: 'image/webp', extension: 'webp' },
		(b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8),
	],
	[
		{ mimeType: 'image/gif', extension: 'gif' },
		(b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')),
	],
];

/** PNG, JPEG, WebP or GIF, from the first bytes; undefined for anything else. */
export function sniffImage(bytes: Buffer): MediaType | undefined {
	return IMAGES.find(([, matches]) => matches(bytes))?.[0];
}

/**
 * MP4 or QuickTime MOV (an ISO media file: its first box is `ftyp`, whose brand `qt  ` marks
 * MOV) or WebM (an EBML header); undefined for anything else.
 */
export function sniffVideo(bytes: Buffer): MediaType | undefined {
	if (startsWith(bytes, ascii('ftyp'), 4)) {
		return startsWith(bytes, ascii('qt  '), 8)
			? { mimeType: 'video/quicktime', extension: 'mov' }
			: { mimeType: 'video/mp4', extension: 'mp4' };
	}
	if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) {
		return { mimeType: 'video/webm', extension: 'webm' };
	}
	return undefined;
}

/** Whether a reply's Content-Type says text: JSON, HTML, XML, plain text and the like. */
export function isTextType(contentType: string | undefined): boolean {
	return /json|text|html|xml/i.test(contentType ?? '');
}

/** How much of a file `looksLikeText` reads: enough to tell, little enough for any size. */
const TEXT_SAMPLE_BYTES = 4096;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const WHITE_SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const TEXT_OPENERS = new Set(ascii('{[<'));

/**
 * Whether bytes are clearly a text document (JSON or HTML/XML) rather than media: after an optional
 * byte order mark and white space they begin with `{`, `[` or `<`, and their first 4 KiB are
 * UTF-8 without control characters. For formats without magic bytes (raw PCM, µ-law, A-law),
 * whose samples may begin with any byte but are not UTF-8 text for 4 KiB on end.
 */
export function looksLikeText(bytes: Buffer): boolean {
	let start = startsWith(bytes, UTF8_BOM) ? UTF8_BOM.length : 0;
	while (start < bytes.length && WHITE_SPACE.has(bytes[start])) start++;
	if (!TEXT_OPENERS.has(bytes[start])) return false;
	const sample = bytes.subarray(start, start + TEXT_SAMPLE_BYTES);
	if (sample.some((byte) => (byte < 0x20 && !WHITE_SPACE.has(byte)) || byte === 0x7f)) return false;
	try {
		// `stream` lets the sample end inside a character.
		new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
		return true;
	} catch {
		return false;
	}
}
