/**
 * A streamed response -> the SDK's stream chunks, as the events arrive: text deltas, and the agent's
 * tool calls with their arguments piece by piece. Version 2's assembler keeps the reply itself
 * (errors, the final response); this one only forwards what the agent may show or gather.
 */
import type { StreamChunk } from '@n8n/ai-node-sdk';

import { isObject } from '../shared/json';
import type { StreamAssembler } from '../shared/session';
import type { SseEvent } from '../shared/transport';
import type { XaiResponse } from '../shared/xai/responses/types';
import { ResponseAssembler } from '../shared/xai/responses/endpoint';

interface CallInProgress {
	id: string;
	name: string;
	sent: string;
}

export class ModelStreamAssembler implements StreamAssembler<XaiResponse> {
	private readonly reply = new ResponseAssembler();

	private readonly calls = new Map<string, CallInProgress>();

	constructor(private readonly emit: (chunk: StreamChunk) => void) {}

	/** Returns what it forwarded, if anything: once something has, the reply is never retried. */
	add(event: SseEvent): string | undefined {
		const text = this.reply.add(event);
		if (text) {
			this.emit({ type: 'text-delta', delta: text });
			return text;
		}
		const { data } = event;
		if (!isObject(data)) return undefined;
		const type = typeof data.type === 'string' ? data.type : event.event;
		const key = String(data.output_index ?? data.item_id);
		switch (type) {
			case 'response.output_item.added':
			case 'response.output_item.done': {
				const { item } = data;
				if (!isObject(item) || item.type !== 'function_call') return undefined;
				const args = typeof item.arguments === 'string' ? item.arguments : '';
				return this.forward(key, args, true, item);
			}
			case 'response.function_call_arguments.delta':
				return typeof data.delta === 'string' ? this.forward(key, data.delta, false) : undefined;
			case 'response.function_call_arguments.done':
				return typeof data.arguments === 'string'
					? this.forward(key, data.arguments, true)
					: undefined;
			case 'response.reasoning_summary_text.delta':
				if (typeof data.delta === 'string' && data.delta) {
					this.emit({ type: 'reasoning-delta', delta: data.delta });
				}
				return undefined;
			default:
				return undefined;
		}
	}

	/**
	 * Forwards a call's arguments: a delta as it is, or from the whole arguments so far (`whole`)
	 * the part not yet sent. A call is announced (ID and name) with its first chunk.
	 */
	private forward(key: string, args: string, whole: boolean, item?: Record<string, unknown>) {
		let call = this.calls.get(key);
		const announce = !call;
		if (!call) {
			if (!item || typeof item.name !== 'string') return undefined;
			call = { id: String(item.call_id ?? item.id ?? key), name: item.name, sent: '' };
			this.calls.set(key, call);
		}
		const delta = !whole ? args : args.startsWith(call.sent) ? args.slice(call.sent.length) : '';
		if (!delta && !announce) return undefined;
		call.sent += delta;
		this.emit({ type: 'tool-call-delta', id: call.id, name: call.name, argumentsDelta: delta });
		return `${call.name}(${delta})`;
	}

	/** The IDs of the calls already forwarded. */
	get forwardedCalls(): string[] {
		return [...this.calls.values()].map((call) => call.id);
	}

	get text(): string {
		return this.reply.text;
	}

	result(): XaiResponse {
		return this.reply.result();
	}
}

/** Chunks handed from the request, which runs on its own, to the agent, which reads at its pace. */
export class ChunkQueue implements AsyncIterable<StreamChunk> {
	private readonly chunks: StreamChunk[] = [];

	private finished = false;

	private failure: { error: unknown } | undefined;

	private wake: (() => void) | undefined;

	push(...chunks: StreamChunk[]) {
		this.chunks.push(...chunks);
		this.notify();
	}

	end(failure?: { error: unknown }) {
		this.finished = true;
		this.failure = failure;
		this.notify();
	}

	private notify() {
		this.wake?.();
		this.wake = undefined;
	}

	async *[Symbol.asyncIterator](): AsyncIterator<StreamChunk> {
		for (;;) {
			const chunk = this.chunks.shift();
			if (chunk) {
				yield chunk;
				continue;
			}
			if (this.finished) {
				if (this.failure) throw this.failure.error;
				return;
			}
			await new Promise<void>((resolve) => (this.wake = resolve));
		}
	}
}
