/** The one operation: a chat completion per input item, over a session the items share. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BinaryImage, ChatOptions, ChatParameters, MessageParameters } from './request';

import { binaryPropertiesOf, buildChatRequest, integerOption } from './request';
import { CompletionAssembler, toOutputJson } from './response';
import { DEFAULT_CONCURRENCY, DEFAULT_MAX_RETRIES } from './description';
import { RequestScheduler } from './scheduler';
import type { CallOptions, XaiClient, XaiCredentials } from './transport';
import { createChatCompletion, createXaiClient, streamChatCompletion } from './transport';

function readChatParameters(ctx: IExecuteFunctions, itemIndex: number): ChatParameters {
	const messagesSource = ctx.getNodeParameter('messagesSource', itemIndex, 'define') as
		'define' | 'json';
	return {
		model: ctx.getNodeParameter('model', itemIndex, '', { extractValue: true }) as string,
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

async function loadBinaryImages(
	ctx: IExecuteFunctions,
	itemIndex: number,
	properties: string[],
): Promise<Map<string, BinaryImage>> {
	const images = new Map<string, BinaryImage>();
	const binary = ctx.getInputData()[itemIndex]?.binary ?? {};
	for (const property of properties) {
		// A missing property is reported by buildChatRequest, which knows the message it is in.
		if (!binary[property]) continue;
		const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
		images.set(property, { mimeType: binary[property].mimeType, data });
	}
	return images;
}

export async function executeChat(
	ctx: IExecuteFunctions,
	itemIndex: number,
	client: XaiClient,
	scheduler: RequestScheduler,
): Promise<IDataObject> {
	const parameters = readChatParameters(ctx, itemIndex);
	const images = await loadBinaryImages(ctx, itemIndex, binaryPropertiesOf(parameters));
	const body = buildChatRequest(parameters, images);
	const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;

	const { options } = parameters;
	// Retries are the scheduler's, so that a 429 pauses every item, not only this one.
	const call: CallOptions = { maxRetries: 0, signal: ctx.getExecutionCancelSignal?.() };
	if (options.timeout !== undefined) call.timeout = options.timeout;
	// In a streaming execution (Chat Trigger, Webhook with streaming response), each content delta
	// also goes to the client as it arrives. Hosts without that API get the assembled item only.
	const forward = options.stream === true && ctx.isStreaming?.() === true;
	let forwarded = false;
	const completion = await scheduler.send(
		async () => {
			if (!options.stream) return await createChatCompletion(client, body, call);
			const assembler = new CompletionAssembler();
			for await (const chunk of streamChatCompletion(client, body, call)) {
				assembler.add(chunk);
				const text = chunk.choices[0]?.delta?.content;
				if (forward && text) {
					if (!forwarded) await ctx.sendChunk('begin', itemIndex);
					forwarded = true;
					await ctx.sendChunk('item', itemIndex, text);
				}
			}
			if (forwarded) await ctx.sendChunk('end', itemIndex);
			return assembler.result();
		},
		options.maxRetries ?? DEFAULT_MAX_RETRIES,
		// A retry would send the client the start of the reply a second time.
		() => !forwarded,
	);
	const format = body.response_format;
	const schema = format?.type === 'json_schema' ? format.json_schema.schema : undefined;
	return toOutputJson(completion, simplify, { ...options, schema });
}

/** What every item's request shares: the client on the credential, and the request scheduler. */
export async function openSession(ctx: IExecuteFunctions) {
	const credentials = await ctx.getCredentials<XaiCredentials & IDataObject>('xAiGrokApi');
	const value = ctx.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY);
	let concurrency: number;
	try {
		concurrency = integerOption(value, 'Concurrency', 1);
	} catch (error) {
		// It concerns the node, not one item.
		throw new NodeOperationError(ctx.getNode(), error as Error);
	}
	const scheduler = new RequestScheduler({
		concurrency,
		signal: ctx.getExecutionCancelSignal?.(),
	});
	return { client: createXaiClient(credentials), scheduler, concurrency };
}
