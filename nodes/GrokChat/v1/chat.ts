/** The one operation: a chat completion per input item, over a session the items share. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { compileSchema } from '../../shared/jsonSchema';
import { callSettings } from '../../shared/options';
import type { XaiSession } from '../../shared/session';
import { completeItem } from '../../shared/streaming';
import { binaryPropertiesOf, loadBinaryImages, readMessageSource } from '../messages';
import type { ChatOptions, ChatParameters } from './request';
import { buildChatRequest, conversationHeaders } from './request';
import { chatCompletionsEndpoint, toOutputJson } from './response';

export function readChatParameters(ctx: IExecuteFunctions, itemIndex: number): ChatParameters {
	return {
		...readMessageSource(ctx, itemIndex),
		options: ctx.getNodeParameter('options', itemIndex, {}) as ChatOptions,
	};
}

export { chatProperties as description } from './description';

export async function execute(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
): Promise<INodeExecutionData[]> {
	return [{ json: await executeChat(ctx, itemIndex, session) }];
}

async function executeChat(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
): Promise<IDataObject> {
	const parameters = readChatParameters(ctx, itemIndex);
	const images = await loadBinaryImages(ctx, itemIndex, binaryPropertiesOf(parameters));
	const body = buildChatRequest(parameters, images);
	const headers = conversationHeaders(parameters.options);
	const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
	const { options } = parameters;
	const settings = callSettings(options);
	const format = body.response_format;
	const check =
		format?.type === 'json_schema' ? compileSchema(format.json_schema.schema ?? {}) : undefined;

	return await completeItem(
		ctx,
		itemIndex,
		session,
		chatCompletionsEndpoint(body, headers),
		{ stream: options.stream === true, ...settings },
		(reply) => toOutputJson(reply, simplify, { ...options, check }),
	);
}
