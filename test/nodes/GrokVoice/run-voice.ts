/** Grok Voice in n8n-core's engine against the fake xAI, shared by the voice tests. */
import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { GrokVoice } from '../../../nodes/GrokVoice/GrokVoice.node';
import type { FakeXai } from '../../fake-xai/server';
import { runGrokChat, type RunOptions } from '../../helpers/run-node';

export { useFakeXai } from '../../helpers/fake-xai';

export const API_KEY = 'xai-canary-voice-3e8d1f';
const grokVoice = new GrokVoice();

/** Runs a Grok Voice node with `parameters`; `nodeType` names it otherwise (e.g. as a tool). */
export async function runVoice(
	fake: FakeXai,
	options: Omit<RunOptions, 'credentials' | 'node'> & { nodeType?: string; apiKey?: string },
) {
	return await runGrokChat({
		...options,
		node: {
			type: grokVoice,
			node: {
				id: 'voice',
				name: 'Grok Voice',
				type: options.nodeType ?? 'n8n-nodes-xai-grok.grokVoice',
				typeVersion: 1,
				position: [0, 0],
				parameters: options.parameters as never,
				credentials: { xAiGrokApi: { id: '1', name: 'xAI Grok account' } },
			},
		},
		credentials: { apiKey: options.apiKey ?? API_KEY, baseUrl: fake.url },
	});
}

/** An input item with `bytes` as its binary property `property`. */
export function audioItem(
	bytes: Buffer,
	property = 'data',
	mimeType = 'audio/mpeg',
	json: IDataObject = {},
): INodeExecutionData {
	const binary: IBinaryData = {
		data: bytes.toString('base64'),
		mimeType,
		fileName: `voice.${mimeType.split('/')[1]}`,
	};
	return { json, binary: { [property]: binary } };
}

/** The bytes of an output item's binary property, stored in memory (n8n's default mode). */
export const bytesOf = (item: INodeExecutionData, property = 'data') =>
	Buffer.from(item.binary?.[property]?.data ?? '', 'base64');

export const errorOf = (item: INodeExecutionData) => item.json.error as Record<string, any>;

export const requestsTo = (fake: FakeXai, path: string) =>
	fake.requests.filter((request) => request.path === path);
