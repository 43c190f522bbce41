/**
 * Grok Chat against a hostile stand-in for xAI (issue 9): cut-off replies are errors, never
 * successes; every run ends; bad settings and input fail before any request; replies that are not
 * what xAI promised are clear errors; the API key appears nowhere.
 */
import { getEventListeners } from 'node:events';

import type { ICredentialTestFunctions, IDataObject } from 'n8n-workflow';

import { xAiGrokApiTest } from '../../../nodes/shared/methods/credentialTest';
import { callSettings, DEFAULT_TIMEOUT_MS } from '../../../nodes/shared/options';
import { XaiSession } from '../../../nodes/shared/session';
import { RequestScheduler } from '../../../nodes/shared/scheduler';
import { XaiRequestError } from '../../../nodes/shared/errors';
import { chatCompletionsEndpoint } from '../../../nodes/GrokChat/common/chatCompletions/endpoint';
import { parseContent } from '../../../nodes/GrokChat/common/structuredOutput';
import { compileSchema } from '../../../nodes/shared/jsonSchema';
import { chunk, sseHead, startHostile, type Hostile } from '../../fake-xai/hostile';
import { chatParameters, runGrokChat, type NodeRun } from '../../helpers/run-node';

const KEY = 'xai-Hostile-Secret-Key-0123456789';
let hostile: Hostile;
let other: Hostile;
beforeAll(async () => {
	hostile = await startHostile();
	other = await startHostile();
});
afterAll(async () => {
	await hostile.close();
	await other.close();
});

const completion = (content: string) => ({
	id: 'c1',
	object: 'chat.completion',
	created: 1,
	model: 'grok-3',
	choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
});
const sendJson = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(text);
};

async function run(
	options: IDataObject = {},
	extra: { apiKey?: string; baseUrl?: string; parameters?: IDataObject; items?: number } = {},
	onChunk?: (chunk: { type: string; content?: string }) => void,
): Promise<NodeRun> {
	return await runGrokChat({
		parameters: extra.parameters ?? chatParameters('What is the answer?', { options }),
		items: Array.from({ length: extra.items ?? 1 }, (_, i) => ({ json: { i } })),
		credentials: { apiKey: extra.apiKey ?? KEY, baseUrl: extra.baseUrl ?? hostile.url },
		onError: 'continueErrorOutput',
		onChunk,
	});
}

const errorOf = (result: NodeRun, index = 0) => result.errors[index]?.json.error as IDataObject;

describe('a cut-off reply is never a success', () => {
	it('a stream that ends without a finish reason is an item error with the partial text', async () => {
		hostile.answer((_req, res) => {
			sseHead(res);
			res.write(chunk({ role: 'assistant', content: 'The answer' }));
			res.end(chunk({ content: ' is ' }));
		});
		const result = await run({ stream: true, maxRetries: 0 });
		expect(result.success).toEqual([]);
		expect(errorOf(result).message).toBe(
			'xAI stopped after 14 characters: the reply is incomplete (the stream ended before xAI finished it)',
		);
		expect(errorOf(result).rawReply).toBe('The answer is ');
	});

	it('a streaming client gets an error, not "end", for a reply cut off after it began', async () => {
		hostile.answer((_req, res) => {
			sseHead(res);
			res.write(chunk({ content: 'The answer' }));
			res.end(chunk({ content: ' is ' }));
		});
		const chunks: string[] = [];
		const result = await run({ stream: true, maxRetries: 2 }, {}, (c) => chunks.push(c.type));
		expect(chunks).toEqual(['begin', 'item', 'item', 'error']);
		// Once the client has the start of a reply, it is not sent again.
		expect(hostile.requests).toHaveLength(1);
		expect(result.errors).toHaveLength(1);
	});

	it('a stream stalled past the Timeout is an error naming the Timeout, not a success', async () => {
		hostile.answer((_req, res) => {
			sseHead(res);
			res.write(chunk({ content: 'The answer is ' }));
		});
		const result = await run({ stream: true, timeout: 400 });
		expect(errorOf(result).message).toBe(
			'xAI stopped after 14 characters: the reply is incomplete (the Timeout of 0.4 s ran out)',
		);
		expect(errorOf(result).rawReply).toBe('The answer is ');
	});

	it('a non-streamed body stalled after its headers ends at the Timeout', async () => {
		hostile.answer((_req, res) => {
			res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
			res.write('{"id":"c1","choices":[');
		});
		const result = await run({ timeout: 400 });
		expect(errorOf(result).message).toBe('The request to xAI timed out');
	});

	it('the Timeout has a finite default and covers the whole body', async () => {
		expect(callSettings({}).timeoutMs).toBe(DEFAULT_TIMEOUT_MS);
		expect(DEFAULT_TIMEOUT_MS).toBe(600_000);
		hostile.answer((_req, res) => {
			sseHead(res);
			res.write(chunk({ content: 'x' }));
		});
		const session = new XaiSession({ apiKey: KEY, baseUrl: hostile.url }, { concurrency: 1 });
		const started = Date.now();
		await expect(
			session.complete(chatCompletionsEndpoint({ model: 'grok-3', messages: [] }), {
				stream: true,
				timeoutMs: 300,
				maxRetries: 0,
			}),
		).rejects.toThrow(/the Timeout of 0.3 s ran out/);
		expect(Date.now() - started).toBeLessThan(5000);
		session.close();
	});

	it('a connection reset in the middle of the body is retried, and named when it persists', async () => {
		hostile.answer((_req, res, _body, count) => {
			if (count === 1) {
				res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
				res.write('{"id":"c1",');
				setTimeout(() => res.socket?.destroy(), 20);
				return;
			}
			sendJson(res, 200, completion('42'));
		});
		const retried = await run({ maxRetries: 1 });
		expect(retried.success.map((item) => item.json.content)).toEqual(['42']);
		expect(hostile.requests).toHaveLength(2);

		hostile.answer((_req, res) => {
			sseHead(res);
			res.write(chunk({ content: 'The answer is ' }));
			setTimeout(() => res.socket?.destroy(), 20);
		});
		const lost = await run({ stream: true, maxRetries: 2 });
		expect(hostile.requests).toHaveLength(3);
		expect(errorOf(lost).message).toMatch(
			/^xAI stopped after 14 characters: the reply is incomplete \(the connection was lost: /,
		);
		expect(errorOf(lost).rawReply).toBe('The answer is ');
	});
});

describe('every run ends', () => {
	it('a cancel wakes every request waiting for a slot, also after 429s cut the slots', async () => {
		const controller = new AbortController();
		const scheduler = new RequestScheduler({ concurrency: 1, signal: controller.signal });
		const hang = () =>
			new Promise<never>((_resolve, reject) =>
				controller.signal.addEventListener(
					'abort',
					() => reject(new XaiRequestError('aborted', 'The request was cancelled')),
					{ once: true },
				),
			);
		const sends = [1, 2, 3, 4].map(async () => await scheduler.send(hang, 0));
		setTimeout(() => controller.abort(), 50);
		const settled = await Promise.race([
			Promise.allSettled(sends),
			new Promise((resolve) => setTimeout(() => resolve('still pending'), 2000)),
		]);
		expect(settled).not.toBe('still pending');
		expect((settled as PromiseSettledResult<unknown>[]).map((s) => s.status)).toEqual([
			'rejected',
			'rejected',
			'rejected',
			'rejected',
		]);
		scheduler.dispose();
		expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
	});

	it.each([
		[
			'Max Retries',
			{ maxRetries: 'abc' },
			'Options › Max Retries: abc is not a whole number from 0 to 10',
		],
		[
			'Timeout 0',
			{ timeout: 0 },
			'Options › Timeout: 0 is not a whole number from 1 to 2147483647',
		],
		['Timeout -1', { timeout: -1 }, 'Options › Timeout: -1 is not a whole number'],
		['Timeout "abc"', { timeout: 'abc' }, 'Options › Timeout: abc is not a whole number'],
		['Timeout 3e9', { timeout: 3e9 }, 'Options › Timeout: 3000000000 is not a whole number'],
	])('%s from an expression fails the item before any request', async (_name, options, message) => {
		hostile.answer((_req, res) => sendJson(res, 200, completion('never')));
		const result = await run(options);
		expect(errorOf(result).message).toContain(`Item 0, ${message}`);
		expect(hostile.requests).toHaveLength(0);
	});

	it('persistent 429s end after the Max Rate-Limit Wait, naming it, instead of queueing on', async () => {
		hostile.answer((_req, res) => {
			res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
			res.end(JSON.stringify({ code: 'Too many requests', error: 'Rate limit exceeded' }));
		});
		const started = Date.now();
		const result = await run({ maxRetries: 2, maxRateLimitWait: 2, concurrency: 4 }, { items: 16 });
		expect(Date.now() - started).toBeLessThan(8000);
		expect(result.errors).toHaveLength(16);
		expect(result.errors.map((item) => (item.json.error as IDataObject).status)).toEqual(
			Array(16).fill(429),
		);
		expect(errorOf(result, 15).message).toMatch(
			/429 \(rate limited\) for 2 s, the Max Rate-Limit Wait/,
		);
		expect(hostile.requests.length).toBeLessThan(16);
	});
});

describe('replies that are not what xAI promised', () => {
	it.each([
		[
			'an HTML page',
			'<html><body>Welcome to nginx</body></html>',
			'xAI answered with something that is not JSON',
		],
		['an empty body', '', 'xAI answered with an empty body'],
		['no choices', { id: 'x' }, 'xAI answered with something that is not a chat completion'],
		[
			'message: null',
			{ choices: [{ message: null }] },
			'xAI answered with something that is not a chat completion',
		],
		['choices: []', { choices: [] }, 'xAI answered with something that is not a chat completion'],
		['a number', 42, 'xAI answered with something that is not a chat completion'],
	])(
		'200 with %s is an item error; the item JSON stays an object',
		async (_name, body, message) => {
			hostile.answer((_req, res) => sendJson(res, 200, body));
			for (const simplify of [true, false]) {
				const result = await run(
					{},
					{
						parameters: chatParameters('Hi', { simplify }),
					},
				);
				expect(result.success).toEqual([]);
				expect(errorOf(result).message).toBe(`Item 0: ${message}`);
				expect(typeof result.errors[0].json).toBe('object');
			}
		},
	);

	it.each([
		[
			'a data error',
			'data: {"error":{"message":"Model overloaded, try later","code":503}}\n\n',
			'Model overloaded, try later',
		],
		[
			'an error event',
			'event: error\ndata: {"message":"Internal stream failure"}\n\n',
			'Internal stream failure',
		],
	])("%s inside the stream is an item error with xAI's message", async (_name, event, text) => {
		hostile.answer((_req, res) => {
			sseHead(res);
			res.write(chunk({ content: 'Par' }));
			res.end(event);
		});
		const result = await run({ stream: true, maxRetries: 0 });
		expect(errorOf(result).message).toContain(`xAI reported an error during the reply: ${text}`);
	});

	it.each([
		['an HTML page', '<html>hi</html>'],
		['an empty object', {}],
	])('the credential test refuses a server answering 200 with %s', async (_name, body) => {
		hostile.answer((_req, res) => sendJson(res, 200, body));
		const result = await xAiGrokApiTest.call({} as ICredentialTestFunctions, {
			id: '1',
			name: 'xAI',
			type: 'xAiGrokApi',
			data: { apiKey: KEY, baseUrl: hostile.url },
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^xAI answered with something that is not/);
	});
});

describe('the key never leaks', () => {
	const echoKey = (
		req: import('node:http').IncomingMessage,
		res: import('node:http').ServerResponse,
	) =>
		sendJson(res, 401, {
			code: 'Unauthenticated',
			error: `Bad key: ${String(req.headers.authorization)}`,
		});

	it.each([
		['as stored', KEY],
		['with a trailing space and newline', `${KEY} \n`],
		['with a leading tab', `\t${KEY}`],
	])(
		'an error echoing the key %s shows it masked, in the item and the credential test',
		async (_name, apiKey) => {
			hostile.answer(echoKey);
			const result = await run({}, { apiKey });
			expect(JSON.stringify(result.errors)).not.toContain(KEY.slice(4));
			expect(errorOf(result).message).toContain('Bad key: Bearer ***');
			const test = await xAiGrokApiTest.call({} as ICredentialTestFunctions, {
				id: '1',
				name: 'xAI',
				type: 'xAiGrokApi',
				data: { apiKey, baseUrl: hostile.url },
			});
			expect(test.message).not.toContain(KEY.slice(4));
		},
	);

	it('an error inside a stream that echoes the key shows it masked', async () => {
		hostile.answer((req, res) => {
			sseHead(res);
			res.end(`data: {"error":{"message":"denied for ${String(req.headers.authorization)}"}}\n\n`);
		});
		const result = await run({ stream: true, maxRetries: 0 });
		expect(errorOf(result).message).toContain('denied for Bearer ***');
		expect(JSON.stringify(result.errors)).not.toContain(KEY.slice(4));
	});

	it('a key with a line break inside is a credential error that does not show it', async () => {
		hostile.answer(echoKey);
		const result = await run({}, { apiKey: 'xai-Broken\r\nKey-0123456789' });
		expect(errorOf(result).message).toMatch(/API key .* cannot be sent: paste the key again/);
		expect(JSON.stringify(result.errors)).not.toMatch(/Broken|0123456789/);
		expect(hostile.requests).toHaveLength(0);
	});

	it('a password in the Base URL is refused without being shown', async () => {
		const baseUrl = hostile.url.replace('http://', 'http://admin:Hunter2Secret@');
		const result = await run({}, { baseUrl });
		expect(errorOf(result).message).toMatch(/Base URL contains a user name or password/);
		expect(JSON.stringify(result.errors)).not.toContain('Hunter2Secret');
	});

	it('stream lines that are not JSON are an item error, and nothing is printed', async () => {
		const printed: string[] = [];
		const spies = [
			jest.spyOn(process.stderr, 'write').mockImplementation((text) => {
				printed.push(String(text));
				return true;
			}),
			jest.spyOn(console, 'error').mockImplementation((...args) => printed.push(args.join(' '))),
			jest.spyOn(console, 'log').mockImplementation((...args) => printed.push(args.join(' '))),
		];
		try {
			hostile.answer((req, res) => {
				sseHead(res);
				res.end(`data: {not json, secret content ${String(req.headers.authorization)}\n\n`);
			});
			const result = await run({ stream: true });
			expect(errorOf(result).message).toBe('Item 0: xAI sent a stream event that is not JSON');
			expect(JSON.stringify(result.errors)).not.toContain(KEY.slice(4));
		} finally {
			spies.forEach((spy) => spy.mockRestore());
		}
		expect(printed.join('')).not.toContain('secret content');
	});
});

describe('bad input of the wrong type', () => {
	const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
	const runWith = async (parameters: IDataObject, binary?: IDataObject) => {
		hostile.answer((_req, res) => sendJson(res, 200, completion('never')));
		const result = await runGrokChat({
			parameters,
			items: [{ json: {}, binary: binary as never }],
			credentials: { apiKey: KEY, baseUrl: hostile.url },
			onError: 'continueErrorOutput',
		});
		expect(hostile.requests).toHaveLength(0);
		return errorOf(result).message as string;
	};

	it.each([
		[
			'Text is a number',
			chatParameters('={{ 42 }}'),
			'Item 0, Message 0 › Text: must be text, but the expression gave number',
		],
		[
			'Model is a number',
			{ ...chatParameters('Hi'), model: { __rl: true, mode: 'id', value: '={{ 4 }}' } },
			'Item 0, Model: must be text, but the expression gave number',
		],
		[
			'a binary property named toString',
			chatParameters('Hi', {
				messages: { values: [{ role: 'user', content: 'Hi', binaryProperties: 'toString' }] },
			}),
			'Item 0, Message 0 › Images From Binary Properties: the item has no binary property "toString"',
		],
		[
			'a binary property named __proto__',
			chatParameters('Hi', {
				messages: { values: [{ role: 'user', content: 'Hi', binaryProperties: '__proto__' }] },
			}),
			'Item 0, Message 0 › Images From Binary Properties: the item has no binary property "__proto__"',
		],
		[
			'a JSON Schema nested 20,000 levels deep',
			chatParameters('Hi', {
				options: {
					responseFormat: 'json_schema',
					jsonSchema: `${'{"type":"object","properties":{"a":'.repeat(20000)}{}${'}}'.repeat(20000)}`,
				},
			}),
			'Item 0, Options › JSON Schema: is nested too deeply',
		],
	])('%s: the item and field are named, nothing is sent', async (_name, parameters, message) => {
		expect(await runWith(parameters)).toBe(message);
	});

	it('a binary without a mime type, or whose bytes are not what its mime type says, is refused', async () => {
		const parameters = chatParameters('Hi', {
			messages: { values: [{ role: 'user', content: 'Hi', binaryProperties: 'photo' }] },
		});
		const noMime = await runWith(parameters, {
			photo: { data: Buffer.from('GIF89a....').toString('base64'), fileName: 'x' },
		});
		expect(noMime).toMatch(/binary property "photo" is not a JPG or PNG image/);
		const lying = await runWith(parameters, {
			photo: { data: Buffer.from('GIF89a....').toString('base64'), mimeType: 'image/png' },
		});
		expect(lying).toMatch(
			/binary property "photo" is not a JPG or PNG image \(it says image\/png\)/,
		);
		const jpegAsPng = await runWith(parameters, {
			photo: { data: png.toString('base64'), mimeType: 'image/jpeg' },
		});
		expect(jpegAsPng).toMatch(/says it is image\/jpeg, but its bytes are a PNG image/);
	});

	it('an image data URL that is not base64 is refused', async () => {
		const parameters = chatParameters('Hi', {
			messages: {
				values: [
					{ role: 'user', content: 'Hi', imageUrls: 'data:image/png;base64,@@not base64!!' },
				],
			},
		});
		expect(await runWith(parameters)).toBe(
			'Item 0, Message 0 › Image URLs: the data URL is not valid base64',
		);
	});
});

describe('decided and documented', () => {
	it.each([['-5'], ['Infinity']])('Retry-After %s counts as no Retry-After', async (value) => {
		hostile.answer((_req, res) => {
			res.writeHead(429, { 'content-type': 'application/json', 'retry-after': value });
			res.end(JSON.stringify({ code: 'Too many requests', error: 'Slow down' }));
		});
		const result = await run({ maxRetries: 0 });
		expect(errorOf(result).retryAfterSeconds).toBeUndefined();
		expect(errorOf(result).description).toMatch(/try again later/);
	});

	it('a reply that arrives in pieces, a character split between them, comes out whole', async () => {
		const body = Buffer.from(JSON.stringify(completion('Grüße 👋 from Grok')));
		const split = body.indexOf(Buffer.from('👋')) + 2;
		hostile.answer(async (_req, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.write(body.subarray(0, split));
			await new Promise((resolve) => setTimeout(resolve, 50));
			res.end(body.subarray(split));
		});
		const result = await run({});
		expect(result.success[0]?.json.content).toBe('Grüße 👋 from Grok');
	});

	it('a reply over 16 MiB is refused with a clear error', async () => {
		hostile.answer((_req, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			const block = Buffer.alloc(1024 * 1024, 'a');
			for (let i = 0; i < 20; i++) res.write(block);
			res.end();
		});
		const result = await run({});
		expect(errorOf(result).message).toBe(
			"Item 0: xAI's reply is larger than 16 MiB; the node stops reading there",
		);
	});

	it('a redirect to another host is not followed: the prompt and key stay here', async () => {
		other.answer((_req, res) => sendJson(res, 200, completion('stolen')));
		hostile.answer((_req, res) => {
			res.writeHead(307, { location: `${other.url}/chat/completions` });
			res.end();
		});
		const result = await run({});
		expect(other.requests).toHaveLength(0);
		expect(errorOf(result).message).toMatch(/redirect \(307\).*does not follow redirects/);
	});

	it('an https image URL with a comma in its query stays one URL', async () => {
		hostile.answer((_req, res) => sendJson(res, 200, completion('seen')));
		const url = 'https://images.example.com/photo.jpg?size=100,crop:20';
		const result = await run(
			{},
			{
				parameters: chatParameters('Hi', {
					messages: { values: [{ role: 'user', content: 'Look', imageUrls: url }] },
				}),
			},
		);
		expect(result.success).toHaveLength(1);
		const parts = hostile.requests[0].body.messages[0].content;
		expect(parts.filter((p: IDataObject) => p.type === 'image_url')).toEqual([
			{ type: 'image_url', image_url: { url, detail: 'auto' } },
		]);
	});
});

describe('structured output is checked by a real JSON Schema validator', () => {
	const check = compileSchema(
		{
			type: 'object',
			properties: { name: { type: 'string' } },
			required: ['name'],
			additionalProperties: false,
		},
		'JSON Schema',
	);
	const parse = (text: string, responseFormat: 'json_object' | 'json_schema') =>
		parseContent(text, { responseFormat, check });

	it('refuses __proto__ under additionalProperties: false', () => {
		expect(() => parse('{"name":"a","__proto__":{"x":1}}', 'json_schema')).toThrow(
			'$.__proto__ is not allowed',
		);
	});

	it('does not take an inherited toString for a required property', () => {
		const needsToString = compileSchema({ type: 'object', required: ['toString'] }, 'JSON Schema');
		expect(needsToString({})).toBe('$.toString is missing');
	});

	it.each([['42'], ['null'], ['[1]'], ['"text"']])('JSON Object mode refuses %s', (text) => {
		expect(() => parse(text, 'json_object')).toThrow('The reply is JSON but not an object');
	});
});

describe('listeners on the cancel signal', () => {
	it('are removed as each request ends, not kept until the run ends', async () => {
		hostile.answer((_req, res) => sendJson(res, 200, completion('ok')));
		const controller = new AbortController();
		const session = new XaiSession(
			{ apiKey: KEY, baseUrl: hostile.url },
			{ concurrency: 4, signal: controller.signal },
		);
		const endpoint = chatCompletionsEndpoint({ model: 'grok-3', messages: [] });
		await Promise.all(
			Array.from({ length: 50 }, async () =>
				session.complete(endpoint, { stream: false, timeoutMs: 5000, maxRetries: 0 }),
			),
		);
		// The scheduler's own one, until the session closes.
		expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
		session.close();
		expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
	});
});
