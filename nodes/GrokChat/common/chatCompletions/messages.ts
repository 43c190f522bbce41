/**
 * The Messages parameter, or a conversation as JSON -> chat-completions messages, checked: each
 * error names the message and field.
 */
import { InvalidParameterError } from '../../../shared/errors';
import type { BinaryImage } from '../../../shared/images';
import { checkImageUrl } from '../../../shared/images';
import type { ChatCompletionCreateParams } from '../../../shared/transport';
import type { MessageParameters } from '../messages';
import { checkJsonName, definedFields, messageArray, messageImages, ROLES } from '../messages';

const JSON_ROLES = [...ROLES, 'tool'];

type RequestMessage = ChatCompletionCreateParams['messages'][number];

export function definedMessage(
	message: MessageParameters,
	where: string,
	binaryImages: ReadonlyMap<string, BinaryImage>,
): RequestMessage {
	const { role, text, name, detail } = definedFields(message, where);
	const images = messageImages(message, role, text, where, binaryImages);

	if (role === 'user') {
		const content =
			images.length === 0
				? text
				: [
						...(text.trim() ? [{ type: 'text' as const, text }] : []),
						...images.map((url) => ({ type: 'image_url' as const, image_url: { url, detail } })),
					];
		return name ? { role, content, name } : { role, content };
	}
	// xAI's chat schema has no developer role: developer instructions go as system messages.
	return {
		role: role === 'developer' ? 'system' : (role as 'system' | 'assistant'),
		content: text,
	};
}

export function messagesFromJson(value: unknown): RequestMessage[] {
	const field = 'Messages (JSON)';
	return messageArray(value, field).map((message, index) =>
		jsonMessage(message, `${field} › [${index}]`),
	);
}

function jsonMessage(message: unknown, where: string): RequestMessage {
	if (typeof message !== 'object' || message === null || Array.isArray(message)) {
		throw new InvalidParameterError(where, 'must be an object with a role and content');
	}
	const { role, content, name } = message as Record<string, unknown>;
	if (typeof role !== 'string' || !JSON_ROLES.includes(role)) {
		throw new InvalidParameterError(
			`${where}.role`,
			`"${String(role)}" is not one of ${JSON_ROLES.join(', ')}`,
		);
	}
	checkJsonName(name, role, where);
	const hasToolCalls =
		role === 'assistant' && Array.isArray((message as { tool_calls?: unknown }).tool_calls);
	if (role === 'tool' && typeof (message as { tool_call_id?: unknown }).tool_call_id !== 'string') {
		throw new InvalidParameterError(
			`${where}.tool_call_id`,
			'a tool message needs the ID of the tool call it answers',
		);
	}
	if (typeof content === 'string') {
		if (!content.trim() && !hasToolCalls)
			throw new InvalidParameterError(`${where}.content`, 'is empty');
	} else if (Array.isArray(content)) {
		if (content.length === 0) throw new InvalidParameterError(`${where}.content`, 'is empty');
		content.forEach((part: unknown, index) =>
			checkContentPart(part, role, `${where}.content[${index}]`),
		);
	} else if (!(content == null && hasToolCalls)) {
		throw new InvalidParameterError(
			`${where}.content`,
			'must be text or an array of text and image_url parts',
		);
	}
	const sent = { ...(message as object) } as Record<string, unknown>;
	if (role === 'developer') sent.role = 'system';
	return sent as unknown as RequestMessage;
}

function checkContentPart(part: unknown, role: string, where: string) {
	const { type, text, image_url } = (part ?? {}) as Record<string, unknown>;
	if (type === 'text') {
		if (typeof text !== 'string') throw new InvalidParameterError(`${where}.text`, 'must be text');
		return;
	}
	if (type === 'image_url') {
		if (role !== 'user')
			throw new InvalidParameterError(where, 'images can be sent in user messages only');
		const url = (image_url as { url?: unknown } | undefined)?.url;
		if (typeof url !== 'string')
			throw new InvalidParameterError(`${where}.image_url.url`, 'is missing');
		checkImageUrl(url, `${where}.image_url.url`);
		return;
	}
	throw new InvalidParameterError(
		`${where}.type`,
		`"${String(type)}" is not "text" or "image_url"`,
	);
}
