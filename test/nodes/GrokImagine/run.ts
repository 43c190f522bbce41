/** Runs Grok Imagine in n8n-core's real engine against the fake xAI (see test/helpers/run-node.ts). */
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { GrokImagine } from '../../../nodes/GrokImagine/GrokImagine.node';
import * as imagine from '../../fake-xai/imagine';
import type { FakeXai } from '../../fake-xai/server';
import { useFakeXai as useSharedFakeXai } from '../../helpers/fake-xai';
import type { RunOptions } from '../../helpers/run-node';
import { grokChatNode, runGrokChat } from '../../helpers/run-node';

export const API_KEY = 'xai-imagine-canary-3d81f0';
export const IMAGINE_TYPE = 'n8n-nodes-xai-grok.grokImagine';
const implementation = new GrokImagine();

/**
 * The fake xAI for a test file (test/helpers/fake-xai.ts), its file host's record reset before
 * each test too. The returned object stands for the running fake.
 */
export function useFakeXai(): FakeXai {
	const current = useSharedFakeXai(undefined, () => imagine.reset());
	return new Proxy({} as FakeXai, {
		get: (_target, name) => (current() as unknown as Record<string | symbol, unknown>)[name],
	});
}

export async function runImagine(
	fake: FakeXai,
	options: Omit<RunOptions, 'credentials' | 'node'> & { apiKey?: string },
) {
	return await runGrokChat({
		...options,
		node: { type: implementation, node: imagineNode(options.parameters) },
		credentials: { apiKey: options.apiKey ?? API_KEY, baseUrl: fake.url },
	});
}

/** A Grok Imagine node as a saved workflow holds it, on the same credential as Grok Chat. */
export function imagineNode(parameters: IDataObject): INode {
	return { ...grokChatNode(parameters), id: 'imagine', name: 'Grok Imagine', type: IMAGINE_TYPE };
}

/** A Grok Imagine node's parameters for `operation`, the prompt taken from each item's `prompt`. */
export function imagineParameters(
	operation: 'generateImage' | 'editImage' | 'generateVideo' | 'editVideo' | 'extendVideo',
	extra: IDataObject = {},
): IDataObject {
	const model = operation.endsWith('Video') ? 'grok-imagine-video' : 'grok-imagine-image';
	return {
		operation,
		model: { __rl: true, mode: 'list', value: model },
		prompt: '={{ $json.prompt }}',
		...extra,
	};
}

export const prompts = (...texts: string[]): INodeExecutionData[] =>
	texts.map((prompt) => ({ json: { prompt } }));

/** The bytes of an output item's binary field, however n8n stored them. */
export function bytesOf(item: INodeExecutionData, field = 'data'): Buffer {
	const binary = item.binary?.[field];
	if (!binary) throw new Error(`no binary field ${field} on ${JSON.stringify(item.json)}`);
	return Buffer.from(binary.data, 'base64');
}

export const errorOf = (item: INodeExecutionData) => item.json.error as IDataObject;
