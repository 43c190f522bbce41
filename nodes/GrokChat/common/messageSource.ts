/**
 * Reading the messages from the node, as both versions of Grok Chat (and Grok Batch) do: the
 * Model, the message source, and the binary images the messages name.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { InvalidParameterError } from '../../shared/errors';
import type { BinaryImage } from '../../shared/images';
import { splitList, textParameter } from '../../shared/options';
import type { MessageParameters } from './messages';

export interface MessageSource {
	model: unknown;
	messagesSource: 'define' | 'json';
	messages: MessageParameters[];
	messagesJson?: unknown;
}

export function readMessageSource(ctx: IExecuteFunctions, itemIndex: number): MessageSource {
	const messagesSource = ctx.getNodeParameter('messagesSource', itemIndex, 'define') as
		'define' | 'json';
	return {
		model: ctx.getNodeParameter('model', itemIndex, '', { extractValue: true }),
		messagesSource,
		messages:
			messagesSource === 'define'
				? (ctx.getNodeParameter('messages.values', itemIndex, []) as MessageParameters[])
				: [],
		messagesJson:
			messagesSource === 'json' ? ctx.getNodeParameter('messagesJson', itemIndex) : undefined,
	};
}

/** The binary properties the messages ask for, so the caller can load them before building. */
export function binaryPropertiesOf({ messagesSource, messages }: MessageSource): string[] {
	if (messagesSource === 'json') return [];
	return [
		...new Set(
			messages.flatMap((message, index) =>
				splitList(message.binaryProperties, `Message ${index} › Images From Binary Properties`),
			),
		),
	];
}

export async function loadBinaryImages(
	ctx: IExecuteFunctions,
	itemIndex: number,
	properties: string[],
): Promise<Map<string, BinaryImage>> {
	const images = new Map<string, BinaryImage>();
	const binary = ctx.getInputData()[itemIndex]?.binary ?? {};
	for (const property of properties) {
		// A missing property is reported by messageImages, which knows the message it is in;
		// own properties only, so that "toString" or "__proto__" are missing, not found.
		if (!Object.prototype.hasOwnProperty.call(binary, property)) continue;
		const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
		images.set(property, { mimeType: binary[property].mimeType, data });
	}
	return images;
}

/** The binary images the messages name, loaded from the item. */
export async function messageImagesOf(
	ctx: IExecuteFunctions,
	itemIndex: number,
	source: MessageSource,
): Promise<Map<string, BinaryImage>> {
	return await loadBinaryImages(ctx, itemIndex, binaryPropertiesOf(source));
}

/** The Model, which an expression may have made something else or nothing. */
export function modelOf({ model }: MessageSource): string {
	const id = textParameter(model, 'Model').trim();
	if (!id) throw new InvalidParameterError('Model', 'choose a model or enter its ID');
	return id;
}

/**
 * The messages of either source as the version shapes them (`fromJson` a conversation as JSON,
 * `defined` the message at `where`), of which there must be one at least.
 */
export function sourceMessages<Message>(
	source: MessageSource,
	fromJson: (value: unknown) => Message[],
	defined: (message: MessageParameters, where: string) => Message,
): Message[] {
	const messages =
		source.messagesSource === 'json'
			? fromJson(source.messagesJson)
			: source.messages.map((message, index) => defined(message, `Message ${index}`));
	if (messages.length === 0)
		throw new InvalidParameterError('Messages', 'add at least one message');
	return messages;
}
