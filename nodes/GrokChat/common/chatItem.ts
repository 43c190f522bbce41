/**
 * One item of either version, once its request is built: sent (its text streamed to the client
 * when asked), its reply checked against the JSON Schema and shaped into the output item.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { compileSchema } from '../../shared/jsonSchema';
import { callSettings } from '../../shared/options';
import type { XaiEndpoint, XaiSession } from '../../shared/session';
import { completeItem } from '../../shared/streaming';
import type { CommonOptions } from './commonOptions';
import type { OutputOptions } from './structuredOutput';

/** A reply -> the output JSON, simplified or whole. */
export type ToOutputJson<Reply> = (
	reply: Reply,
	simplify: boolean,
	options: OutputOptions,
) => IDataObject;

/** `schema` is the JSON Schema the request asks the reply to follow, if it asks for one. */
export async function completeChatItem<Reply>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
	endpoint: XaiEndpoint<Reply>,
	options: CommonOptions,
	schema: Record<string, unknown> | undefined,
	toOutputJson: ToOutputJson<Reply>,
): Promise<INodeExecutionData[]> {
	const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
	const settings = callSettings(options);
	const check = schema ? compileSchema(schema) : undefined;

	const json = await completeItem(
		ctx,
		itemIndex,
		session,
		endpoint,
		{ stream: options.stream === true, ...settings },
		(reply) => toOutputJson(reply, simplify, { ...options, check }),
	);
	return [{ json }];
}
