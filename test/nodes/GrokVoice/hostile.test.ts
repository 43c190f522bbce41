/**
 * Grok Voice against a server whose every answer the test writes (issue 19): bytes that are not
 * audio are not passed on as audio, values from expressions are checked before any request, and
 * the API key, echoed back by a careless proxy, appears nowhere in the run.
 */
import type { ServerResponse } from 'node:http';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { GrokVoice } from '../../../nodes/GrokVoice/GrokVoice.node';
import { startHostile, type Hostile } from '../../fake-xai/hostile';
import { grokChatNode, runGrokChat, type NodeRun } from '../../helpers/run-node';
import { audioItem } from './run-voice';

const KEY = 'xai-Voice-Hostile-Key-0123456789';
let hostile: Hostile;
beforeAll(async () => {
	hostile = await startHostile();
});
afterAll(async () => await hostile.close());
beforeEach(() => hostile.answer((_req, res) => res.writeHead(500).end()));

const errorOf = (result: NodeRun, index = 0) => result.errors[index]?.json.error as IDataObject;
const answerRaw = (body: string | Buffer, contentType?: string) =>
	hostile.answer((_req, res: ServerResponse) => {
		res.writeHead(200, contentType ? { 'content-type': contentType } : {});
		res.end(body);
	});

async function voice(parameters: IDataObject, items?: INodeExecutionData[]) {
	return await runGrokChat({
		parameters,
		items,
		onError: 'continueErrorOutput',
		node: {
			type: new GrokVoice(),
			node: {
				...grokChatNode(parameters),
				name: 'Grok Voice',
				type: 'n8n-nodes-xai-grok.grokVoice',
			},
		},
		credentials: { apiKey: KEY, baseUrl: hostile.url },
	});
}
const speak = (options: IDataObject = {}) => ({
	operation: 'textToSpeech',
	text: 'Hello',
	options,
});
const transcribe = (options: IDataObject = {}, extra: IDataObject = {}) => ({
	operation: 'transcribe',
	options,
	...extra,
});
const MP3 = Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00speech', 'latin1');

describe('bytes that are not audio are not passed on as audio', () => {
	it('Text to Speech in PCM that returns a JSON error body is an item error, not audio', async () => {
		hostile.answer((_req, res) => {
			res.writeHead(200, { 'content-type': 'application/octet-stream' });
			res.end('{"error":"quota exceeded"}');
		});
		const result = await voice({
			operation: 'textToSpeech',
			text: 'Hello',
			options: { outputFormat: 'pcm' },
		});
		expect(result.success).toEqual([]);
		expect(errorOf(result).message).toMatch(/not audio|quota exceeded/i);
	});

	it.each([
		['pcm', '{"error":"quota exceeded"}', undefined],
		['mulaw', '<html>Gateway</html>', undefined],
		['alaw', ' \n [{"error":"busy"}]', 'application/octet-stream'],
		['mulaw', 'Service unavailable', 'text/plain; charset=utf-8'],
	])(
		'raw %s: %j (content type %s) is an item error naming what came back',
		async (codec, body, type) => {
			answerRaw(body, type);
			const result = await voice(speak({ outputFormat: codec }));
			expect(result.success).toEqual([]);
			expect(errorOf(result).message).toBe('Item 0: xAI answered with something that is not audio');
			expect(errorOf(result).rawReply).toBe(body.trim());
		},
	);

	it('raw audio whose samples happen to begin with "{" is still audio', async () => {
		const samples = Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x80, 0x81, 0x00, 0x7f]);
		answerRaw(samples, 'application/octet-stream');
		const result = await voice(speak({ outputFormat: 'pcm' }));
		expect(result.errors).toEqual([]);
		expect(Buffer.from(result.success[0].binary!.data.data, 'base64')).toEqual(samples);
	});

	it('a timestamped reply whose base64 audio is a JSON text is an item error', async () => {
		answerRaw(
			JSON.stringify({ audio: Buffer.from('{"error":"quota"}').toString('base64') }),
			'application/json',
		);
		const result = await voice(speak({ outputFormat: 'alaw', includeTimestamps: true }));
		expect(result.success).toEqual([]);
		expect(errorOf(result).rawReply).toBe('{"error":"quota"}');
	});
});

describe('a cost xAI could not have charged is not reported', () => {
	it.each([
		[{ cost_in_usd_ticks: -1e10 }, undefined],
		[{ usage: { cost_in_usd_ticks: 1e300 } }, undefined],
		[{ cost_in_usd_ticks: 2.5 }, undefined],
		[{ usage: { cost_in_usd_ticks: 12_345_000 } }, 0.0012345],
	])('a transcription with %j has costUsd %s', async (cost, costUsd) => {
		hostile.answer((_req, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ text: 'hi', ...cost }));
		});
		const result = await voice(transcribe(), [audioItem(MP3)]);
		expect(result.success[0].json.costUsd).toBe(costUsd);
	});
});

describe('values from expressions are checked before any request', () => {
	it.each(['constructor', 'toString', '__proto__'])(
		'Output Format %j is refused, naming the field',
		async (codec) => {
			answerRaw(MP3, 'audio/mpeg');
			const result = await voice(speak({ outputFormat: codec }));
			expect(hostile.requests).toEqual([]);
			expect(errorOf(result).message).toBe(
				`Item 0, Options › Output Format: "${codec}" is not one of mp3, wav, pcm, mulaw, alaw`,
			);
		},
	);

	it.each([
		['includeTimestamps', 'Include Timestamps', 'no'],
		['textNormalization', 'Normalize Text', 'yes'],
		['includeTimestamps', 'Include Timestamps', 1],
	])(
		'Text to Speech option %s (%s) = %j is refused, naming the field',
		async (name, label, value) => {
			answerRaw(MP3, 'audio/mpeg');
			const result = await voice(speak({ [name]: value }));
			expect(hostile.requests).toEqual([]);
			expect(errorOf(result).message).toMatch(`Item 0, Options › ${label}: `);
		},
	);

	it('the strings "true" and "false" are read as the booleans they spell', async () => {
		answerRaw(MP3, 'audio/mpeg');
		const result = await voice(speak({ includeTimestamps: 'false', textNormalization: 'true' }));
		expect(result.errors).toEqual([]);
		expect(hostile.requests[0].body).toEqual({
			text: 'Hello',
			voice_id: 'eve',
			language: 'auto',
			text_normalization: true,
		});
	});

	it.each(['diarize', 'fillerWords', 'includeWords', 'multichannel', 'formatText'])(
		'Transcribe option %s = "false" sends nothing for it; 0 is refused',
		async (name) => {
			hostile.answer((_req, res) => {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ text: 'hi' }));
			});
			const ok = await voice(transcribe({ [name]: 'false' }), [audioItem(MP3)]);
			expect(ok.errors).toEqual([]);
			const fields = [...String(hostile.requests[0].body).matchAll(/name="(\w+)"/g)];
			expect(fields.map(([, field]) => field)).toEqual(['file']);
			hostile.requests.length = 0;
			const bad = await voice(transcribe({ [name]: 0 }), [audioItem(MP3)]);
			expect(hostile.requests).toEqual([]);
			expect(errorOf(bad).message).toMatch(/^Item 0, Options › [\w ]+: 0 is not true or false/);
		},
	);

	it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
		'Input Binary Field %j that the item lacks is a clear item error',
		async (property) => {
			const result = await voice(transcribe({}, { audioBinaryProperty: property }), [
				audioItem(MP3),
			]);
			expect(hostile.requests).toEqual([]);
			expect(errorOf(result).message).toBe(
				`Item 0, Input Binary Field: the input item has no binary property "${property}" (it has "data")`,
			);
		},
	);
});

describe('the API key echoed by a careless proxy appears nowhere', () => {
	const echo = (status: number, contentType: string) =>
		hostile.answer((req, res) => {
			res.writeHead(status, { 'content-type': contentType });
			res.end(`{"error":"denied for ${String(req.headers.authorization)}"}`);
		});

	it.each([
		['a 400 error body', 400, 'application/json', speak()],
		['a 200 "audio" body in PCM', 200, 'application/octet-stream', speak({ outputFormat: 'pcm' })],
		['a 200 reply to Transcribe', 200, 'application/json', transcribe()],
	])('in %s', async (_, status, type, parameters) => {
		echo(status, type);
		const result = await voice(
			{ ...parameters, options: { ...(parameters.options as object), maxRetries: 0 } },
			[audioItem(MP3)],
		);
		expect(hostile.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
		expect(result.errors).toHaveLength(1);
		expect(JSON.stringify(errorOf(result))).toContain('***');
		expect(JSON.stringify(result.run.data)).not.toContain(KEY);
		expect(JSON.stringify(result.run.data)).not.toContain(KEY.slice(4));
	});
});
