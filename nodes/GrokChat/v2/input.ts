/**
 * The Messages parameter, or a conversation as JSON (chat-completions or Responses messages) ->
 * Responses input messages, checked: each error names the message and field.
 */
import { InvalidParameterError } from '../../shared/errors';
import type { BinaryImage } from '../../shared/images';
import { checkImageUrl } from '../../shared/images';
import { isObject } from '../../shared/json';
import type { InputContentPart, InputMessage } from '../../shared/xai/responses/types';
import type { ImageDetail, MessageParameters, Role } from '../common/messages';
import {
	checkJsonName,
	definedFields,
	IMAGE_DETAILS,
	messageArray,
	messageImages,
	ROLES,
} from '../common/messages';

export function definedInput(
	message: MessageParameters,
	where: string,
	binaryImages: ReadonlyMap<string, BinaryImage>,
): InputMessage {
	const { role, text, name, detail } = definedFields(message, where);
	if (!IMAGE_DETAILS.includes(detail)) {
		throw new InvalidParameterError(
			`${where} › Image Detail`,
			`"${String(detail)}" is not one of ${IMAGE_DETAILS.join(', ')}`,
		);
	}

	const images = messageImages(message, role, text, where, binaryImages);
	const named = name ? { name } : {};
	if (images.length === 0) return { role, content: text, ...named };
	return {
		role,
		content: [
			...(text.trim() ? [{ type: 'input_text' as const, text }] : []),
			...images.map((url) => ({ type: 'input_image' as const, image_url: url, detail })),
		],
		...named,
	};
}

/**
 * A conversation as JSON: chat-completions messages (text and image_url parts, as version 1 takes
 * them) or Responses input messages (input_text, output_text and input_image parts).
 */
export function inputFromJson(value: unknown): InputMessage[] {
	const field = 'Messages (JSON)';
	return messageArray(value, field).map((message, index) =>
		jsonInput(message, `${field} › [${index}]`),
	);
}

function jsonInput(message: unknown, where: string): InputMessage {
	if (!isObject(message)) {
		throw new InvalidParameterError(where, 'must be an object with a role and content');
	}
	const { role, content, name } = message;
	if (role === 'tool' || message.tool_calls !== undefined) {
		throw new InvalidParameterError(
			`${where}.role`,
			'tool calls and tool results cannot be sent to the Responses API: leave them out of the conversation',
		);
	}
	if (typeof role !== 'string' || !ROLES.includes(role as Role)) {
		throw new InvalidParameterError(
			`${where}.role`,
			`"${String(role)}" is not one of ${ROLES.join(', ')}`,
		);
	}
	checkJsonName(name, role, where);
	const named = typeof name === 'string' && name.trim() ? { name } : {};
	if (typeof content === 'string') {
		if (!content.trim()) throw new InvalidParameterError(`${where}.content`, 'is empty');
		return { role: role as Role, content, ...named };
	}
	if (!Array.isArray(content)) {
		throw new InvalidParameterError(
			`${where}.content`,
			'must be text or an array of text and image parts',
		);
	}
	if (content.length === 0) throw new InvalidParameterError(`${where}.content`, 'is empty');
	return {
		role: role as Role,
		content: content.map((part: unknown, index) =>
			jsonPart(part, role as Role, `${where}.content[${index}]`),
		),
		...named,
	};
}

function jsonPart(part: unknown, role: Role, where: string): InputContentPart {
	const { type, text, image_url, detail } = isObject(part) ? part : ({} as Record<string, unknown>);
	if (type === 'text' || type === 'input_text' || type === 'output_text') {
		if (typeof text !== 'string') throw new InvalidParameterError(`${where}.text`, 'must be text');
		// xAI reads an assistant's earlier reply as output text, anything else as input text.
		return { type: role === 'assistant' ? 'output_text' : 'input_text', text };
	}
	if (type === 'image_url' || type === 'input_image') {
		if (role !== 'user')
			throw new InvalidParameterError(where, 'images can be sent in user messages only');
		// Chat form: image_url {url, detail}; Responses form: image_url "<url>" and detail beside it.
		const chatForm = isObject(image_url);
		const url = chatForm ? image_url.url : image_url;
		const urlField = `${where}.image_url${chatForm ? '.url' : ''}`;
		if (typeof url !== 'string') throw new InvalidParameterError(urlField, 'is missing');
		checkImageUrl(url, urlField);
		const level = chatForm ? image_url.detail : detail;
		if (level !== undefined && !IMAGE_DETAILS.includes(level as ImageDetail)) {
			throw new InvalidParameterError(
				`${where}.detail`,
				`"${String(level)}" is not one of ${IMAGE_DETAILS.join(', ')}`,
			);
		}
		return {
			type: 'input_image',
			image_url: url,
			...(level !== undefined && { detail: level as ImageDetail }),
		};
	}
	throw new InvalidParameterError(
		`${where}.type`,
		`"${String(type)}" is not "text", "input_text", "output_text", "image_url" or "input_image"`,
	);
}
