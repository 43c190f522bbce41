/**
 * The transport on its own, against a bare HTTP server whose every reply a test writes: the
 * branches that the node tests reach only by chance (proxy-shaped error bodies, Retry-After as an
 * HTTP date or in ms, errors inside a stream, downloads from another host).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { XaiRequestError } from '../../../nodes/shared/errors';
import { XaiSession } from '../../../nodes/shared/session';
import {
	createXaiClient,
	download,
	exchange,
	readEvents,
	readJson,
} from '../../../nodes/shared/transport';
import { wholeFile } from '../../helpers/whole-file';

const KEY = 'xai-transport-test-key';

let server: Server;
let base: string;
let handle: (req: IncomingMessage, res: ServerResponse) => void;
const seen: IncomingMessage[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		seen.push(req);
		handle(req, res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => await new Promise((resolve) => server.close(resolve)));
beforeEach(() => (seen.length = 0));

function reply(status: number, body: string, headers: Record<string, string> = {}) {
	handle = (_req, res) => {
		res.writeHead(status, { 'content-type': 'application/json', ...headers });
		res.end(body);
	};
}

const client = () => createXaiClient({ apiKey: KEY, baseUrl: `${base}/v1` });

async function getJson() {
	return await exchange(
		client(),
		{ method: 'get', path: '/models' },
		{ timeoutMs: 5000 },
		async (response) => await readJson(response),
	);
}

async function failure(promise: Promise<unknown>): Promise<XaiRequestError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(XaiRequestError);
	return error as XaiRequestError;
}

describe('transport: error replies', () => {
	it("takes xAI's message from its {code, error} body, with the status", async () => {
		reply(403, JSON.stringify({ code: 'Permission denied', error: 'Your team has no credits' }));
		const error = await failure(getJson());
		expect(error).toMatchObject({ kind: 'http', status: 403, message: 'Your team has no credits' });
	});

	it("takes a proxy's OpenAI-shaped {error: {message}} body too", async () => {
		reply(502, JSON.stringify({ error: { message: 'upstream connect error' } }));
		const error = await failure(getJson());
		expect(error).toMatchObject({ status: 502, message: 'upstream connect error' });
	});

	it('reads Retry-After as an HTTP date, as seconds from now', async () => {
		const at = new Date(Date.now() + 30_000).toUTCString();
		reply(429, JSON.stringify({ code: 'Too many requests', error: 'slow down' }), {
			'retry-after': at,
		});
		const error = await failure(getJson());
		expect(error.retryAfterSeconds).toBeGreaterThan(25);
		expect(error.retryAfterSeconds).toBeLessThanOrEqual(30);
	});

	it('prefers retry-after-ms, and counts a date in the past as no wait', async () => {
		reply(429, '{"error":"x"}', { 'retry-after-ms': '250', 'retry-after': '9' });
		expect((await failure(getJson())).retryAfterSeconds).toBe(0.25);
		reply(429, '{"error":"x"}', { 'retry-after': new Date(Date.now() - 60_000).toUTCString() });
		expect((await failure(getJson())).retryAfterSeconds).toBe(0);
	});

	it('does not follow a redirect, and names where it pointed', async () => {
		reply(307, '', { location: 'https://elsewhere.example/v1/models' });
		const error = await failure(getJson());
		expect(error.message).toMatch(/redirect \(307\) to https:\/\/elsewhere\.example/);
		expect(seen).toHaveLength(1);
	});
});

describe('transport: successful replies', () => {
	it('sends the key as a bearer token to the API', async () => {
		reply(200, '{"data":[]}');
		await expect(getJson()).resolves.toEqual({ data: [] });
		expect(seen[0].headers.authorization).toBe(`Bearer ${KEY}`);
	});

	it('throws an error reported inside a stream with its message and status', async () => {
		handle = (_req, res) => {
			res.writeHead(200, { 'content-type': 'text/event-stream' });
			res.write('data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\n');
			res.end('event: error\ndata: {"error":{"message":"overloaded","status":503}}\n\n');
		};
		const events: unknown[] = [];
		const error = await failure(
			exchange(
				client(),
				{ method: 'post', path: '/chat/completions', body: { stream: true } },
				{ timeoutMs: 5000 },
				async (response) => {
					for await (const event of readEvents(response)) events.push(event.data);
				},
			),
		);
		expect(events).toHaveLength(1);
		expect(error).toMatchObject({
			status: 503,
			message: 'xAI reported an error during the reply: overloaded',
		});
	});
});

describe('transport: downloads of files xAI made', () => {
	it('sends no key and no credential header to the file host', async () => {
		// The file host is another origin on loopback (another port), as xAI's is another host; the
		// download goes through the session that holds the key, as the nodes' downloads do.
		const fileHost = createServer((req, res) => {
			seen.push(req);
			res.writeHead(200, { 'content-type': 'image/png' });
			res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
		});
		await new Promise<void>((resolve) => fileHost.listen(0, '127.0.0.1', resolve));
		const files = `http://127.0.0.1:${(fileHost.address() as AddressInfo).port}`;
		reply(200, '{"object":"list","data":[]}');
		const session = new XaiSession({ apiKey: KEY, baseUrl: `${base}/v1` }, { concurrency: 1 });
		try {
			// The API itself gets the key from this session.
			await session.send(
				{ method: 'get', path: '/models', fromJson: (value) => value },
				{ timeoutMs: 5000, maxRetries: 0 },
			);
			const file = await session.download(
				`${files}/files/a.png`,
				{
					timeoutMs: 5000,
					maxRetries: 0,
					maxBytes: 1024,
				},
				wholeFile,
			);
			expect(file).toEqual({
				bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
				contentType: 'image/png',
			});
		} finally {
			session.close();
			await new Promise((resolve) => fileHost.close(resolve));
		}
		expect(seen.map((req) => `${req.headers.host}${req.url}`)).toEqual([
			`${new URL(base).host}/v1/models`,
			`${new URL(files).host}/files/a.png`,
		]);
		expect(seen[0].headers.authorization).toBe(`Bearer ${KEY}`);
		for (const name of ['authorization', 'proxy-authorization', 'cookie']) {
			expect(seen[1].headers[name]).toBeUndefined();
		}
		expect(JSON.stringify(seen[1].headers)).not.toContain(KEY);
	});

	it('says the temporary URL may have expired on a 404, and refuses files over the cap', async () => {
		reply(404, 'gone');
		const error = await failure(
			download(
				`${base}/files/old.png`,
				{ timeoutMs: 5000, maxBytes: 10, baseUrl: `${base}/v1` },
				wholeFile,
			),
		);
		expect(error.message).toMatch(/answered 404 \(the temporary URL may have expired\)/);
		reply(200, 'x'.repeat(11));
		await expect(
			download(
				`${base}/files/big.png`,
				{ timeoutMs: 5000, maxBytes: 10, baseUrl: `${base}/v1` },
				wholeFile,
			),
		).rejects.toThrow(/larger than/);
	});

	it('refuses a URL that is not http(s) before any request', async () => {
		await expect(
			download(
				'file:///etc/passwd',
				{ timeoutMs: 5000, maxBytes: 10, baseUrl: `${base}/v1` },
				wholeFile,
			),
		).rejects.toThrow('not http(s)');
	});
});
