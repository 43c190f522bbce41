/** Version 1's operation: a chat completion per input item, over a session the items share. */
import type { ItemExecute } from '../../shared/operation';
import { completeChatItem } from '../common/chatItem';
import { chatCompletionsEndpoint } from '../common/chatCompletions/endpoint';
import { toOutputJson } from '../common/chatCompletions/output';
import { readChatRequest } from '../common/chatCompletions/read';
import { conversationHeaders } from '../common/chatCompletions/request';

export { description } from './description';

export const execute: ItemExecute = async (ctx, itemIndex, session) => {
	const { parameters, body } = await readChatRequest(ctx, itemIndex);
	const headers = conversationHeaders(parameters.options);
	const format = body.response_format;
	const schema = format?.type === 'json_schema' ? (format.json_schema.schema ?? {}) : undefined;
	return await completeChatItem(
		ctx,
		itemIndex,
		session,
		chatCompletionsEndpoint(body, headers),
		parameters.options,
		schema,
		toOutputJson,
	);
};
