/**
 * What the Grok Imagine operations do alike: reading the prompt, model and input images of an
 * item, fetching the files xAI made, and turning them into n8n items with binary data.
 */
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { FileHead } from '../../shared/binaryFile';
import { InvalidParameterError, InvalidReplyError, missingBinaryError } from '../../shared/errors';
import { binaryToDataUrl } from '../../shared/images';
import { looksLikeText, sniffImage, sniffVideo } from '../../shared/media';
import type { Redact } from '../../shared/redact';
import { callSettings, textParameter } from '../../shared/options';

export const MAX_IMAGE_DOWNLOAD_BYTES = 64 * 1024 * 1024;
export const MAX_VIDEO_DOWNLOAD_BYTES = 512 * 1024 * 1024;

const EXTENSIONS: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/webp': 'webp',
	'image/gif': 'gif',
	'video/mp4': 'mp4',
	'video/quicktime': 'mov',
	'video/webm': 'webm',
};

/** The Model, which an expression may have made something else or nothing. */
export function readModel(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = ctx.getNodeParameter('model', itemIndex, '', { extractValue: true });
	const id = textParameter(value, 'Model').trim();
	if (!id) throw new InvalidParameterError('Model', 'choose a model or enter its ID');
	return id;
}

/** The Prompt; an empty one is refused unless `optional` (a video may start from an image alone). */
export function readPrompt(ctx: IExecuteFunctions, itemIndex: number, optional = false): string {
	const prompt = textParameter(ctx.getNodeParameter('prompt', itemIndex, ''), 'Prompt');
	if (!prompt.trim() && !optional) {
		throw new InvalidParameterError('Prompt', 'is empty: say what to make');
	}
	return prompt;
}

/** What every operation reads of an item first: model, prompt, output field, options. */
export function readItemParameters<Options extends { timeout?: unknown; maxRetries?: unknown }>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	promptOptional = false,
) {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as Options;
	return {
		model: readModel(ctx, itemIndex),
		prompt: readPrompt(ctx, itemIndex, promptOptional),
		binaryPropertyName: readBinaryPropertyName(ctx, itemIndex),
		options,
		settings: callSettings(options),
	};
}

/** The output's binary field, checked before anything is sent. */
export function readBinaryPropertyName(ctx: IExecuteFunctions, itemIndex: number): string {
	const field = 'Put Output File in Field';
	const name = textParameter(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data'), field);
	if (!name.trim()) throw new InvalidParameterError(field, 'enter the name of a binary field');
	return name.trim();
}

/**
 * The input item's images named by Input Binary Field (one name, or several separated by
 * commas), each checked to be a JPG or PNG (or with `webp`, a WebP) and turned into a data URL;
 * at most `most` of them.
 */
export async function readInputImages(
	ctx: IExecuteFunctions,
	itemIndex: number,
	{ webp = false, most = Infinity }: { webp?: boolean; most?: number } = {},
): Promise<string[]> {
	const field = 'Input Binary Field';
	const value = textParameter(
		ctx.getNodeParameter('imageBinaryProperty', itemIndex, 'data'),
		field,
	);
	const names = value
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	if (names.length === 0)
		throw new InvalidParameterError(field, 'enter the name of a binary field');
	if (names.length > most) {
		throw new InvalidParameterError(
			field,
			`xAI edits at most ${most} images at once, and ${names.length} fields are named`,
		);
	}
	const binary = ctx.getInputData()[itemIndex]?.binary ?? {};
	const urls: string[] = [];
	for (const name of names) {
		// Own properties only, so that "toString" or "__proto__" are missing, not found.
		if (!Object.prototype.hasOwnProperty.call(binary, name)) {
			throw missingBinaryError(field, binary, `binary field "${name}"`);
		}
		const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, name);
		const { mimeType } = binary[name];
		urls.push(binaryToDataUrl({ mimeType, data }, name, field, { webp }));
	}
	return urls;
}

/** A file xAI made, stored as binary data, and the JSON of its output item. */
export interface MadeFile {
	binary: IBinaryData;
	json: IDataObject;
}

/**
 * The type of an image xAI made, as its first bytes say (shared/media.ts): bytes that are no image
 * (a gateway's HTML page, a JSON error answering 200) fail the item instead of becoming a .jpg.
 */
export function imageType(redact: Redact): (head: FileHead) => string {
	return (head) => sniffImage(head.bytes)?.mimeType ?? throwNotMedia('an image', head, redact);
}

/** The type of a video file, as its first bytes say; anything else fails the item. */
export function videoType(redact: Redact): (head: FileHead) => string {
	return (head) => sniffVideo(head.bytes)?.mimeType ?? throwNotMedia('a video', head, redact);
}

function throwNotMedia(what: string, { bytes, whole }: FileHead, redact: Redact): never {
	const head = bytes.subarray(0, 200);
	const shown = looksLikeText(head)
		? head.toString('utf8')
		: `bytes ${head.subarray(0, 8).toString('hex')}`;
	throw new InvalidReplyError(
		`xAI answered with something that is not ${what} (${whole ? '' : 'over '}${bytes.length} bytes)`,
		redact(shown),
	);
}

/** The name of a file of this type: `stem` and the type's extension. */
export function fileName(stem: string): (mimeType: string) => string {
	return (mimeType) => `${stem}.${EXTENSIONS[mimeType] ?? 'bin'}`;
}

/** One output item per file, each paired with the input item and carrying its file as binary. */
export function toOutputItems(
	itemIndex: number,
	binaryPropertyName: string,
	files: MadeFile[],
): INodeExecutionData[] {
	return files.map((file) => ({
		json: file.json,
		binary: { [binaryPropertyName]: file.binary },
		pairedItem: { item: itemIndex },
	}));
}
