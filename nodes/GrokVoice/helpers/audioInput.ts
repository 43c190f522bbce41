/** Where Transcribe's audio comes from: a binary property of the item, checked, or a URL. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { audioFormatOf, checkAudioFile, MAX_AUDIO_UPLOAD_BYTES } from '../../shared/audio';
import { InvalidParameterError, missingBinaryError } from '../../shared/errors';
import { textParameter } from '../../shared/options';

/** The audio of the item's binary property, checked: the bytes and a file name for the upload. */
export async function readAudio(
	ctx: IExecuteFunctions,
	itemIndex: number,
	property: string,
	rawFormat: string | undefined,
): Promise<{ bytes: Buffer; mimeType: string; fileName: string }> {
	const field = 'Input Binary Field';
	if (!property) throw new InvalidParameterError(field, 'is empty');
	const item = ctx.getInputData()[itemIndex];
	// Own properties only: every object inherits "constructor", "toString" and "__proto__".
	if (!item.binary || !Object.hasOwn(item.binary, property) || !item.binary[property]) {
		throw missingBinaryError(field, item.binary, `binary property "${property}"`);
	}
	ctx.helpers.assertBinaryData(itemIndex, property);
	const bytes = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	const what = `binary property "${property}"`;
	if (rawFormat === undefined) {
		const format = checkAudioFile(bytes, field, what);
		return { bytes, mimeType: format.mimeType, fileName: `audio.${format.extension}` };
	}
	if (bytes.length === 0 || bytes.length > MAX_AUDIO_UPLOAD_BYTES)
		checkAudioFile(bytes, field, what);
	const container = audioFormatOf(bytes);
	if (container) {
		throw new InvalidParameterError(
			'Options › Raw Audio Format',
			`${what} is a ${container.name} file, which xAI recognises by itself: remove this option`,
		);
	}
	return { bytes, mimeType: 'application/octet-stream', fileName: `audio.${rawFormat}` };
}

export function checkedUrl(value: unknown): string {
	const url = textParameter(value, 'Audio URL').trim();
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	if (parsed?.protocol !== 'https:' && parsed?.protocol !== 'http:') {
		throw new InvalidParameterError('Audio URL', `"${url.slice(0, 60)}" is not an http(s) URL`);
	}
	return url;
}
