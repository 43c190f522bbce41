/**
 * Images sent to xAI: JPG or PNG (and WebP where the endpoint takes it), at most 20 MiB, as https
 * URLs or base64 data URLs. What a file is comes from its first bytes, not from the mime type it
 * claims.
 */
import { InvalidParameterError } from './errors';

export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

export interface BinaryImage {
	mimeType?: string;
	data: Buffer;
}

const SIGNATURES: Array<[string, number[]]> = [
	['image/jpeg', [0xff, 0xd8, 0xff]],
	['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
];

/** How a message names each type. */
const NAMES: Record<string, string> = {
	'image/jpeg': 'a JPG',
	'image/png': 'a PNG',
	'image/webp': 'a WebP',
};

/** The image type the bytes begin with, or undefined for anything but JPG and PNG. */
export function imageTypeOf(bytes: Buffer): string | undefined {
	return SIGNATURES.find(([, signature]) => signature.every((byte, i) => bytes[i] === byte))?.[0];
}

/** Whether the bytes are a WebP image: RIFF, its size, WEBP. */
function isWebp(bytes: Buffer): boolean {
	return (
		bytes.length >= 12 &&
		bytes.toString('latin1', 0, 4) === 'RIFF' &&
		bytes.toString('latin1', 8, 12) === 'WEBP'
	);
}

/** Throws unless `url` is an https URL or a base64 data URL of a JPG or PNG within the limit. */
export function checkImageUrl(url: string, field: string): void {
	const dataUrl = /^data:([^;,]*);base64,/i.exec(url);
	if (dataUrl) {
		const payload = url.slice(dataUrl[0].length);
		const what = 'the data URL';
		if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload) || payload.length % 4 === 1) {
			throw new InvalidParameterError(field, `${what} is not valid base64`);
		}
		checkImage(
			dataUrl[1].toLowerCase(),
			Buffer.from(payload.slice(0, 16), 'base64'),
			Math.floor((payload.length * 3) / 4),
			field,
			what,
		);
		return;
	}
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	if (parsed?.protocol !== 'https:') {
		throw new InvalidParameterError(
			field,
			`"${shorten(url)}" is not an https URL or a data:image/...;base64 URL`,
		);
	}
}

/**
 * A binary property's image as a data URL, after the same checks; `webp` where the endpoint takes
 * WebP too (Grok Imagine's edits).
 */
export function binaryToDataUrl(
	image: BinaryImage,
	property: string,
	field: string,
	{ webp = false } = {},
): string {
	const what = `binary property "${property}"`;
	const type = checkImage(
		(image.mimeType ?? '').toLowerCase(),
		image.data,
		image.data.length,
		field,
		what,
		webp,
	);
	return `data:${type};base64,${image.data.toString('base64')}`;
}

/** Returns the image's real type; throws when it is not one xAI takes, lies, or is too large. */
function checkImage(
	claimed: string,
	head: Buffer,
	bytes: number,
	field: string,
	what: string,
	webp = false,
): string {
	const actual = imageTypeOf(head) ?? (webp && isWebp(head) ? 'image/webp' : undefined);
	if (!actual) {
		const claim = claimed ? ` (it says ${claimed})` : '';
		const accepted = webp ? 'JPG, PNG or WebP' : 'JPG or PNG';
		throw new InvalidParameterError(
			field,
			`${what} is not a ${accepted} image${claim}; xAI takes ${accepted} images only`,
		);
	}
	const normalised = claimed === 'image/jpg' ? 'image/jpeg' : claimed;
	if (normalised && normalised !== actual && normalised !== 'application/octet-stream') {
		throw new InvalidParameterError(
			field,
			`${what} says it is ${claimed}, but its bytes are ${NAMES[actual]} image`,
		);
	}
	if (bytes > MAX_IMAGE_BYTES) {
		const mib = (bytes / 1024 / 1024).toFixed(1);
		throw new InvalidParameterError(
			field,
			`${what} is ${mib} MiB; xAI takes images of at most 20 MiB`,
		);
	}
	return actual;
}

export function shorten(text: string): string {
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
