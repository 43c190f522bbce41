/**
 * What both versions of Grok Chat do alike with a message: checking a defined message's role,
 * text, name and images, and a JSON conversation's array and names. Each version then shapes them
 * into its own endpoint's messages.
 */
import { InvalidParameterError } from '../../shared/errors';
import { NOT_JSON, parseJson } from '../../shared/json';
import type { BinaryImage } from '../../shared/images';
import { binaryToDataUrl, checkImageUrl } from '../../shared/images';
import { splitList, textParameter } from '../../shared/options';

/** How closely the model looks at an image, as xAI names it. */
export const IMAGE_DETAILS = ['auto', 'low', 'high'] as const;
export type ImageDetail = (typeof IMAGE_DETAILS)[number];

/** The roles of the Messages parameter, in both versions. */
export const ROLES = ['system', 'developer', 'user', 'assistant'] as const;
export type Role = (typeof ROLES)[number];

/** One entry of the Messages parameter, as an expression may have filled it. */
export interface MessageParameters {
	role?: string;
	content?: unknown;
	name?: unknown;
	imageUrls?: unknown;
	binaryProperties?: unknown;
	imageDetail?: ImageDetail;
}

const USER_ONLY = 'xAI accepts a name on user messages only';

/** What a defined message says, read and checked alike in both versions. */
export interface DefinedFields {
	role: Role;
	text: string;
	/** '' when unset. */
	name: string;
	/** As given, `auto` when unset: version 2 checks it, version 1 sends it on. */
	detail: ImageDetail;
}

/**
 * A defined message's Role (`user` when unset), its Text (which an expression may have made
 * something else), its Name (xAI takes one on user messages only, in chat completions and
 * Responses alike) and its Image Detail.
 */
export function definedFields(message: MessageParameters, where: string): DefinedFields {
	const role = message.role ?? 'user';
	if (!ROLES.includes(role as Role)) {
		throw new InvalidParameterError(
			`${where} › Role`,
			`"${role}" is not one of ${ROLES.join(', ')}`,
		);
	}
	const text = textParameter(message.content, `${where} › Text`);
	const name = textParameter(message.name, `${where} › Name`).trim();
	if (name && role !== 'user') throw new InvalidParameterError(`${where} › Name`, USER_ONLY);
	return { role: role as Role, text, name, detail: message.imageDetail ?? 'auto' };
}

/** A JSON message's `name`, where it has one: text, on a user message. */
export function checkJsonName(name: unknown, role: string, where: string): void {
	if (name !== undefined && role !== 'user') {
		throw new InvalidParameterError(`${where}.name`, USER_ONLY);
	}
	if (name !== undefined && typeof name !== 'string') {
		throw new InvalidParameterError(`${where}.name`, 'must be text');
	}
}

/**
 * A defined message's images as URLs (https, or data URLs of the binary images), checked: images
 * only in user messages, and never a message with neither `text` nor images.
 */
export function messageImages(
	message: MessageParameters,
	role: string,
	text: string,
	where: string,
	binaryImages: ReadonlyMap<string, BinaryImage>,
): string[] {
	const imageUrls = splitUrls(message.imageUrls, `${where} › Image URLs`).map((url) => {
		checkImageUrl(url, `${where} › Image URLs`);
		return url;
	});
	const field = `${where} › Images From Binary Properties`;
	const binaryUrls = splitList(message.binaryProperties, field).map((property) => {
		const image = binaryImages.get(property);
		if (!image)
			throw new InvalidParameterError(field, `the item has no binary property "${property}"`);
		return binaryToDataUrl(image, property, field);
	});
	const images = [...imageUrls, ...binaryUrls];

	if (images.length > 0 && role !== 'user') {
		throw new InvalidParameterError(
			`${where} › Image URLs`,
			'images can be sent in user messages only',
		);
	}
	if (!text.trim() && images.length === 0) {
		throw new InvalidParameterError(`${where} › Text`, 'enter the text of the message');
	}
	return images;
}

/** Messages (JSON): an array, or JSON text of one. */
export function messageArray(value: unknown, field: string): unknown[] {
	const messages = typeof value === 'string' ? parseJson(value) : value;
	if (messages === NOT_JSON) throw new InvalidParameterError(field, 'is not valid JSON');
	if (!Array.isArray(messages)) {
		throw new InvalidParameterError(
			field,
			'must be an array of messages, e.g. [{"role": "user", "content": "Hi"}]',
		);
	}
	return messages;
}

/**
 * URLs one per line, or separated by a comma only where the next one starts (https:// or data:),
 * so that a comma in a URL's query or a data URL's own comma does not split it.
 */
export function splitUrls(value: unknown, field: string): string[] {
	return splitList(value, field, /\n|,(?=\s*(?:https:\/\/|data:))/i);
}
