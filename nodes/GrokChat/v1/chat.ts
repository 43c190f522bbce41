/** The one operation: a chat completion per input item, over a session the items share. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { compileSchema } from '../../shared/jsonSchema';
import { callSettings } from '../../shared/options';
import type { XaiSession } from '../../shared/session';
import { completeItem } from '../../shared/streaming';
import type { BinaryImage, ChatOptions, ChatParameters, MessageParameters } from './request';
import { binaryPropertiesOf, buildChatRequest } from './request';
import { chatCompletionsEndpoint, toOutputJson } from './response';

function readChatParameters(ctx: IExecuteFunctions, itemIndex: number): ChatParameters {
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
		options: ctx.getNodeParameter('options', itemIndex, {}) as ChatOptions,
	};
}

export async function loadBinaryImages(
	ctx: IExecuteFunctions,
	itemIndex: number,
	properties: string[],
): Promise<Map<string, BinaryImage>> {
	const images = new Map<string, BinaryImage>();
	const binary = ctx.getInputData()[itemIndex]?.binary ?? {};
	for (const property of properties) {
		// A missing property is reported by buildChatRequest, which knows the message it is in;
		// own properties only, so that "toString" or "__proto__" are missing, not found.
		if (!Object.prototype.hasOwnProperty.call(binary, property)) continue;
		const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
		images.set(property, { mimeType: binary[property].mimeType, data });
	}
	return images;
}

export async function executeChat(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
): Promise<IDataObject> {
	const parameters = readChatParameters(ctx, itemIndex);
	const images = await loadBinaryImages(ctx, itemIndex, binaryPropertiesOf(parameters));
	const body = buildChatRequest(parameters, images);
	const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
	const { options } = parameters;
	const settings = callSettings(options);
	const format = body.response_format;
	const check =
		format?.type === 'json_schema'
			? compileSchema(format.json_schema.schema ?? {}, 'Options › JSON Schema')
			: undefined;

	return await completeItem(
		ctx,
		itemIndex,
		session,
		chatCompletionsEndpoint(body),
		{ stream: options.stream === true, ...settings },
		(reply) => toOutputJson(reply, simplify, { ...options, check }),
	);
}
