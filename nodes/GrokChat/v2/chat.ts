/** Version 2's operation: one xAI response per input item, over a session the items share. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { compileSchema } from '../../shared/jsonSchema';
import { callSettings } from '../../shared/options';
import type { XaiSession } from '../../shared/session';
import { completeItem } from '../../shared/streaming';
import { binaryPropertiesOf, loadBinaryImages, readMessageSource } from '../messages';
import type { BuiltInToolsParameters, ResponsesOptions, ResponsesParameters } from './request';
import { buildResponsesRequest } from './request';
import { responsesEndpoint, toOutputJson } from './response';

function readResponsesParameters(ctx: IExecuteFunctions, itemIndex: number): ResponsesParameters {
	return {
		...readMessageSource(ctx, itemIndex),
		builtInTools: ctx.getNodeParameter('builtInTools', itemIndex, {}) as BuiltInToolsParameters,
		options: ctx.getNodeParameter('options', itemIndex, {}) as ResponsesOptions,
	};
}

export { responsesProperties as description } from './description';

export async function execute(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
): Promise<INodeExecutionData[]> {
	return [{ json: await executeResponse(ctx, itemIndex, session) }];
}

async function executeResponse(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
): Promise<IDataObject> {
	const parameters = readResponsesParameters(ctx, itemIndex);
	const images = await loadBinaryImages(ctx, itemIndex, binaryPropertiesOf(parameters));
	const body = buildResponsesRequest(parameters, images);
	const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
	const { options } = parameters;
	const settings = callSettings(options);
	const format = body.text?.format;
	const check = format?.type === 'json_schema' ? compileSchema(format.schema) : undefined;

	return await completeItem(
		ctx,
		itemIndex,
		session,
		responsesEndpoint(body),
		{ stream: options.stream === true, ...settings },
		(reply) => toOutputJson(reply, simplify, { ...options, check }),
	);
}
