/**
 * One item's chat-completions request, read from the node's parameters: what Grok Chat version 1
 * sends and what Grok Batch's Submit puts in the batch.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { ChatCompletionCreateParams } from '../../../shared/transport';
import { messageImagesOf, readMessageSource } from '../messageSource';
import type { ChatOptions, ChatParameters } from './request';
import { buildChatRequest } from './request';

export function readChatParameters(ctx: IExecuteFunctions, itemIndex: number): ChatParameters {
	return {
		...readMessageSource(ctx, itemIndex),
		options: ctx.getNodeParameter('options', itemIndex, {}) as ChatOptions,
	};
}

/** The item's parameters and the request built from them, with the binary images they name. */
export async function readChatRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<{ parameters: ChatParameters; body: ChatCompletionCreateParams }> {
	const parameters = readChatParameters(ctx, itemIndex);
	const images = await messageImagesOf(ctx, itemIndex, parameters);
	return { parameters, body: buildChatRequest(parameters, images) };
}
