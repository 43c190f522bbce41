/** Version 2's operation: one xAI response per input item, over a session the items share. */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemExecute } from '../../shared/operation';
import { completeChatItem } from '../common/chatItem';
import { messageImagesOf, readMessageSource } from '../common/messageSource';
import type { BuiltInToolsParameters } from '../../shared/xai/responses/builtInTools';
import { responsesEndpoint } from '../../shared/xai/responses/endpoint';
import type { ResponsesOptions } from '../common/responsesOptions';
import { toOutputJson } from './output';
import type { ResponsesParameters } from './request';
import { buildResponsesRequest } from './request';

function readResponsesParameters(ctx: IExecuteFunctions, itemIndex: number): ResponsesParameters {
	return {
		...readMessageSource(ctx, itemIndex),
		builtInTools: ctx.getNodeParameter('builtInTools', itemIndex, {}) as BuiltInToolsParameters,
		options: ctx.getNodeParameter('options', itemIndex, {}) as ResponsesOptions,
	};
}

export { description } from './description';

export const execute: ItemExecute = async (ctx, itemIndex, session) => {
	const parameters = readResponsesParameters(ctx, itemIndex);
	const images = await messageImagesOf(ctx, itemIndex, parameters);
	const body = buildResponsesRequest(parameters, images);
	const format = body.text?.format;
	const schema = format?.type === 'json_schema' ? format.schema : undefined;
	return await completeChatItem(
		ctx,
		itemIndex,
		session,
		responsesEndpoint(body),
		parameters.options,
		schema,
		toOutputJson,
	);
};
