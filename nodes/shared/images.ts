/**
 * Images sent to xAI: JPG or PNG, at most 20 MiB, as https URLs or base64 data URLs. What a file
 * is comes from its first bytes, not from the mime type it claims.
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

/** The image type the bytes begin with, or undefined for anything but JPG and PNG. */
export function imageTypeOf(bytes: Buffer): string | undefined {
	return SIGNATURES.find(([, signature]) => signature.every((byte, i) => bytes[i] === byte))?.[0];
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

/** A binary property's image as a data URL, after the same checks. */
export function binaryToDataUrl(image: BinaryImage, property: string, field: string): string {
	const what = `binary property "${property}"`;
	const type = checkImage(
		(image.mimeType ?? '').toLowerCase(),
		image.data,
		image.data.length,
		field,
		what,
	);
	return `data:${type};base64,${image.data.toString('base64')}`;
}

/** Returns the image's real type; throws when it is not JPG/PNG, lies, or is too large. */
function checkImage(
	claimed: string,
	head: Buffer,
	bytes: number,
	field: string,
	what: string,
): string {
	const actual = imageTypeOf(head);
	if (!actual) {
		const claim = claimed ? ` (it says ${claimed})` : '';
		throw new InvalidParameterError(
			field,
			`${what} is not a JPG or PNG image${claim}; xAI takes JPG or PNG images only`,
		);
	}
	const normalised = claimed === 'image/jpg' ? 'image/jpeg' : claimed;
	if (normalised && normalised !== actual && normalised !== 'application/octet-stream') {
		throw new InvalidParameterError(
			field,
			`${what} says it is ${claimed}, but its bytes are ${actual === 'image/png' ? 'a PNG' : 'a JPG'} image`,
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
