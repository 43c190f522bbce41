/** Grok Voice in n8n-core's engine against one fake xAI server, shared by the voice tests. */
import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { GrokVoice } from '../../../nodes/GrokVoice/GrokVoice.node';
import { startFakeXai, type FakeXai } from '../../fake-xai/server';
import { runGrokChat, type NodeUnderTest, type RunOptions } from '../../helpers/run-node';

export const API_KEY = 'xai-canary-voice-3e8d1f';
export const VOICE_TYPE = 'n8n-nodes-xai-grok.grokVoice';
const grokVoice: NodeUnderTest = {
	nodeType: new GrokVoice(),
	type: VOICE_TYPE,
	name: 'Grok Voice',
};

/** Starts the fake xAI for the file's tests; `fake()` is the running one. */
export function useFakeXai(): () => FakeXai {
	let fake: FakeXai;
	beforeAll(async () => {
		fake = await startFakeXai();
	});
	afterAll(async () => await fake.close());
	beforeEach(() => fake.reset());
	return () => fake;
}

export async function runVoice(
	fake: FakeXai,
	options: Omit<RunOptions, 'credentials' | 'node'> & { nodeType?: string },
) {
	return await runGrokChat({
		...options,
		node: { ...grokVoice, type: options.nodeType ?? VOICE_TYPE },
		credentials: { apiKey: API_KEY, baseUrl: fake.url },
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
