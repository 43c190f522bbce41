/**
 * The chat model the AI Agent talks to (n8n's AI node SDK): each of its calls is one xAI Responses
 * request through this package's session, so it is timed out, retried (429 after Retry-After),
 * redacted and mapped to xAI's message as every other request of the package.
 */
import type { ChatModelConfig, GenerateResult, Message, StreamChunk } from '@n8n/ai-node-sdk';
import { BaseChatModel, getParametersJsonSchema } from '@n8n/ai-node-sdk';
import type { INode } from 'n8n-workflow';

import { toNodeError } from '../shared/errors';
import type { XaiEndpoint, XaiSession } from '../shared/session';
import { checkResponse } from '../shared/xai/responses/endpoint';
import type { XaiResponse } from '../shared/xai/responses/types';
import { closingChunks, functionCallsOf, toGenerateResult } from './reply';
import type { ModelSettings } from './request';
import { buildRequest } from './request';
import { ChunkQueue, ModelStreamAssembler } from './stream';

export class GrokChatModel extends BaseChatModel {
	constructor(
		private readonly session: XaiSession,
		private readonly settings: ModelSettings,
		private readonly node: INode,
	) {
		super('xai', settings.base.model);
	}

	private endpoint(messages: Message[], emit = (_: StreamChunk) => {}): XaiEndpoint<XaiResponse> {
		const body = buildRequest(this.settings.base, messages, this.tools, getParametersJsonSchema);
		return {
			path: '/responses',
			body: (stream) => ({ ...body, stream }),
			fromJson: checkResponse,
			streamAssembler: () => new ModelStreamAssembler(emit),
		};
	}

	private failure(error: unknown) {
		return toNodeError(this.node, error, 0, this.session.redact);
	}

	async generate(messages: Message[], _config?: ChatModelConfig): Promise<GenerateResult> {
		try {
			const { call, appendSources } = this.settings;
			const response = await this.session.complete(this.endpoint(messages), {
				stream: false,
				...call,
			});
			return toGenerateResult(response, appendSources);
		} catch (error) {
			throw this.failure(error);
		}
	}

	async *stream(messages: Message[], _config?: ChatModelConfig): AsyncIterable<StreamChunk> {
		const queue = new ChunkQueue();
		let assembler: ModelStreamAssembler | undefined;
		const endpoint = this.endpoint(messages, (chunk) => queue.push(chunk));
		const streamAssembler = () => (assembler = endpoint.streamAssembler() as ModelStreamAssembler);
		const { call, appendSources } = this.settings;
		this.session
			.complete({ ...endpoint, streamAssembler }, { stream: true, ...call, onText: async () => {} })
			.then(
				(response) => {
					// A call that came only whole in the final response still reaches the agent.
					const forwarded = assembler?.forwardedCalls ?? [];
					for (const missed of functionCallsOf(response)) {
						if (forwarded.includes(missed.call_id)) continue;
						const { call_id: id, name, arguments: argumentsDelta } = missed;
						queue.push({ type: 'tool-call-delta', id, name, argumentsDelta });
					}
					queue.push(...closingChunks(response, appendSources));
					queue.end();
				},
				(error: unknown) => queue.end({ error: this.failure(error) }),
			);
		yield* queue;
	}
}
