/**
 * Grok Imagine against a server whose every answer the test writes (issue 19): Max Wait over the
 * whole wait, IDs and values from expressions checked, the key kept out of logs and outputs.
 */
import type { ServerResponse } from 'node:http';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { GrokImagine } from '../../../nodes/GrokImagine/GrokImagine.node';
import { startHostile, type Hostile } from '../../fake-xai/hostile';
import { grokChatNode, runGrokChat, type NodeRun } from '../../helpers/run-node';

const KEY = 'xai-Imagine-Hostile-Key-0123456789';
let hostile: Hostile;
beforeAll(async () => {
	hostile = await startHostile();
});
afterAll(async () => await hostile.close());
// What the node says to n8n's Logger (ctx.logger), every level.
const logged: string[] = [];
beforeAll(() => {
	const logger: Logger = new Proxy({} as Logger, {
		get: (_target, name) =>
			name === 'scoped' ? () => logger : (message: unknown) => logged.push(String(message)),
	});
	Container.set(Logger, logger);
});
beforeEach(() => {
	logged.length = 0;
});

const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64',
);
/** The start of an MP4 file: its ftyp box. */
const MP4 = Buffer.from('00000018667479706d703432000000006d70343269736f6d', 'hex');
const sendJson = (res: ServerResponse, body: unknown, status = 200) => {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
};
const errorOf = (result: NodeRun, index = 0) => result.errors[index]?.json.error as IDataObject;

async function imagine(parameters: IDataObject, items: INodeExecutionData[] = [{ json: {} }]) {
	return await runGrokChat({
		parameters,
		items,
		onError: 'continueErrorOutput',
		node: {
			type: new GrokImagine(),
			node: {
				...grokChatNode(parameters),
				name: 'Grok Imagine',
				type: 'n8n-nodes-xai-grok.grokImagine',
			},
		},
		credentials: { apiKey: KEY, baseUrl: hostile.url },
	});
}
const image = (extra: IDataObject = {}) => ({
	operation: 'generateImage',
	model: { __rl: true, mode: 'id', value: 'grok-imagine-image' },
	prompt: 'a cat',
	...extra,
});
const video = (extra: IDataObject = {}) => ({
	operation: 'generateVideo',
	model: { __rl: true, mode: 'id', value: 'grok-imagine-video' },
	prompt: 'a cat',
	...extra,
});

describe('bytes that are not media are not passed on as media', () => {
	it('an HTML page at an image URL is an item error, not grok-imagine-1.jpg', async () => {
		hostile.answer((req, res) => {
			if (req.url!.startsWith('/v1/'))
				return sendJson(res, { data: [{ url: `${hostile.origin}/file.jpg` }] });
			res.writeHead(200, { 'content-type': 'text/html' });
			res.end('<html><body>Gateway</body></html>');
		});
		const result = await imagine(image());
		expect(result.success).toEqual([]);
		expect(errorOf(result).message).toMatch(/not an image/i);
	});

	it('b64_json that is not an image is an item error', async () => {
		hostile.answer((_req, res) =>
			sendJson(res, { data: [{ b64_json: Buffer.from('{"error":"quota"}').toString('base64') }] }),
		);
		const result = await imagine(image({ options: { delivery: 'b64_json' } }));
		expect(result.success).toEqual([]);
		expect(errorOf(result).message).toMatch(/not an image/i);
	});
});

describe('media downloads go only where they belong', () => {
	it('an http URL on another host (127.0.0.2) is refused without a request', async () => {
		hostile.answer((_req, res) =>
			sendJson(res, {
				data: [{ url: `http://127.0.0.2:${new URL(hostile.origin).port}/admin/secret` }],
			}),
		);
		const result = await imagine(image());
		expect(result.success).toEqual([]);
		expect(hostile.requests.map((r) => r.url)).toEqual(['/v1/images/generations']);
		expect(errorOf(result).message).toMatch(/127\.0\.0\.2/);
	});

	it('a redirect from the media host to another host is not followed', async () => {
		hostile.answer((req, res) => {
			if (req.url!.startsWith('/v1/'))
				return sendJson(res, { data: [{ url: `${hostile.origin}/file.png` }] });
			res.writeHead(302, {
				location: `http://127.0.0.2:${new URL(hostile.origin).port}/elsewhere.png`,
			});
			res.end();
		});
		const result = await imagine(image());
		expect(result.success).toEqual([]);
		expect(hostile.requests.map((r) => r.url)).toEqual(['/v1/images/generations', '/file.png']);
	});
});

describe('a video job is started once', () => {
	it('Generate Video does not re-send its start after the reply was lost, and says a job may exist', async () => {
		hostile.answer((req) => req.socket.destroy());
		const result = await imagine(video({ options: { maxRetries: 2 } }));
		expect(hostile.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(`${errorOf(result).message} ${errorOf(result).description}`).toMatch(/may have started/);
	});
});

describe('Max Wait covers the whole wait', () => {
	it('a poll that never answers ends at Max Wait, naming it, not at the Timeout', async () => {
		hostile.answer((req, res) => {
			if (req.method === 'POST') return sendJson(res, { request_id: 'req_1' });
			// the poll hangs
		});
		const started = Date.now();
		const result = await imagine(
			video({ options: { maxWait: 1, pollInterval: 0.1, timeout: 20000 } }),
		);
		expect(Date.now() - started).toBeLessThan(5000);
		expect(errorOf(result).message).toMatch(/Max Wait/);
		expect(errorOf(result).requestId).toBe('req_1');
	});
});

describe('IDs and values from expressions are checked', () => {
	it.each(['..', '.', 'a/b', '../batches', 'a\\b', 'req\n1', 'req\u00001', ''])(
		'a video request_id of %j is refused, never polled',
		async (id) => {
			hostile.answer((_req, res) => sendJson(res, { request_id: id }));
			const result = await imagine(video());
			expect(hostile.requests.filter((r) => r.method === 'GET')).toEqual([]);
			// xAI took the start: the video may be on its way, and the error says so.
			expect(errorOf(result).message).toMatch(
				/^Item 0: xAI answered with something that is not a started video request \(request_id\); a job may have started/,
			);
		},
	);

	it.each([
		['aspectRatio', { a: 1 }, 'Options › Aspect Ratio: {"a":1} is not one of'],
		['resolution', 4096, 'Options › Resolution: 4096 is not one of 1k, 2k'],
		['quality', 'ultra', 'Options › Quality: "ultra" is not one of low, medium, high'],
		['delivery', 'both', 'Options › Image Delivery: "both" is not one of url, b64_json'],
	])('Generate Image option %s = %j is refused before any request', async (name, value, says) => {
		hostile.answer((_req, res) => sendJson(res, { data: [{ b64_json: PNG.toString('base64') }] }));
		const result = await imagine(image({ options: { [name]: value } }));
		expect(hostile.requests).toEqual([]);
		expect(result.success).toEqual([]);
		expect(errorOf(result).message).toContain(`Item 0, ${says}`);
	});

	it.each([
		['aspectRatio', [1, 2], 'Options › Aspect Ratio: [1,2] is not one of'],
		['aspectRatio', '2:1', 'Options › Aspect Ratio: "2:1" is not one of'],
		['resolution', '4k', 'Options › Resolution: "4k" is not one of 480p, 720p, 1080p'],
	])('Generate Video option %s = %j is refused before any request', async (name, value, says) => {
		hostile.answer((_req, res) => sendJson(res, { request_id: 'req_1' }));
		const result = await imagine(video({ options: { [name]: value } }));
		expect(hostile.requests).toEqual([]);
		expect(errorOf(result).message).toContain(`Item 0, ${says}`);
	});

	it('a finished video whose url is not text is a clear error, not "text.replace is not a function"', async () => {
		hostile.answer((req, res) => {
			if (req.method === 'POST') return sendJson(res, { request_id: 'req_1' });
			sendJson(res, { status: 'done', video: { url: 42 } });
		});
		const result = await imagine(video({ options: { pollInterval: 0.1 } }));
		expect(errorOf(result).message).not.toMatch(/is not a function/);
		expect(errorOf(result).message).toMatch(/xAI answered with something that is not/);
	});

	it('the API key echoed as a request_id reaches neither the log nor the output', async () => {
		hostile.answer((req, res) => {
			if (req.method === 'POST')
				return sendJson(res, { request_id: String(req.headers.authorization) });
			if (req.url === '/v.mp4') return res.end(MP4);
			sendJson(res, { status: 'done', video: { url: `${hostile.origin}/v.mp4` } });
		});
		const result = await imagine(video({ options: { pollInterval: 0.1 } }));
		expect(
			hostile.requests.filter((r) => r.method === 'GET' && r.url!.startsWith('/v1/')),
		).toHaveLength(1);
		expect(result.success).toHaveLength(1);
		expect(result.success[0].json.requestId).toBe('Bearer ***');
		expect(logged.filter((line) => line.includes('Bearer'))).not.toEqual([]);
		expect(logged.join('\n')).not.toContain(KEY);
		expect(JSON.stringify(result.run.data)).not.toContain(KEY);
	});

	it('the API key echoed in a failed job reaches neither the log nor the error', async () => {
		hostile.answer((req, res) => {
			const echo = String(req.headers.authorization);
			if (req.method === 'POST') return sendJson(res, { request_id: echo });
			sendJson(res, { status: 'failed', error: { code: echo, message: echo } });
		});
		const result = await imagine(video({ options: { pollInterval: 0.1 } }));
		expect(errorOf(result).requestId).toBe('Bearer ***');
		expect(logged.join('\n')).not.toContain(KEY);
		expect(JSON.stringify(result.run.data)).not.toContain(KEY);
	});
});
