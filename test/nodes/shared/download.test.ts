/**
 * Downloads under the media policy against real servers on loopback: 127.0.0.1 is the Base URL's
 * host and is fetched; 127.0.0.2 is not, and is refused without a connection, also as the target
 * of a redirect.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { remedyFor, XaiRequestError } from '../../../nodes/shared/errors';
import { download, MAX_MEDIA_REDIRECTS } from '../../../nodes/shared/transport';
import { wholeFile } from '../../helpers/whole-file';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function serve(host: string) {
	const seen: string[] = [];
	let handle: Handler = (_req, res) => res.end('file');
	const server = createServer((req, res) => {
		seen.push(req.url ?? '');
		handle(req, res);
	});
	await new Promise<void>((resolve) => server.listen(0, host, resolve));
	const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
	return {
		origin,
		seen,
		answer: (next: Handler) => (handle = next),
		close: async () => await new Promise((resolve) => server.close(resolve)),
	};
}

let base: Awaited<ReturnType<typeof serve>>;
let other: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
	base = await serve('127.0.0.1');
	other = await serve('127.0.0.2');
});
afterAll(async () => {
	await base.close();
	await other.close();
});
beforeEach(() => {
	base.seen.length = 0;
	other.seen.length = 0;
});

const get = async (url: string) =>
	await download(url, { timeoutMs: 5000, maxBytes: 1024, baseUrl: `${base.origin}/v1` }, wholeFile);

const redirectTo = (location: (req: IncomingMessage) => string) =>
	base.answer((req, res) => {
		res.writeHead(302, { location: location(req) });
		res.end();
	});

describe('downloads follow the media policy', () => {
	it("fetches from the Base URL's host", async () => {
		base.answer((_req, res) => res.end('file'));
		await expect(get(`${base.origin}/files/a.png`)).resolves.toMatchObject({
			bytes: Buffer.from('file'),
		});
	});

	it('refuses another loopback address without connecting, naming its host', async () => {
		await expect(get(`${other.origin}/admin/secret`)).rejects.toThrow(
			`file URL on ${new URL(other.origin).host} that the node does not fetch`,
		);
		expect(other.seen).toEqual([]);
	});

	it('never follows a redirect to another host', async () => {
		redirectTo(() => `${other.origin}/admin/secret`);
		await expect(get(`${base.origin}/files/a.png`)).rejects.toThrow(
			`redirected to ${new URL(other.origin).host}; the node follows redirects on the same host only`,
		);
		expect(other.seen).toEqual([]);
	});

	it(`follows up to ${MAX_MEDIA_REDIRECTS} redirects on the same host, no more`, async () => {
		base.answer((req, res) => {
			const hop = Number(req.url?.split('/').pop());
			if (hop === MAX_MEDIA_REDIRECTS) {
				res.end('moved file');
				return;
			}
			res.writeHead(307, { location: `/hop/${hop + 1}` });
			res.end();
		});
		await expect(get(`${base.origin}/hop/0`)).resolves.toMatchObject({
			bytes: Buffer.from('moved file'),
		});
		base.seen.length = 0;
		redirectTo((req) => `/loop${req.url}`);
		await expect(get(`${base.origin}/files/a.png`)).rejects.toThrow(
			`redirected more than ${MAX_MEDIA_REDIRECTS} times`,
		);
		expect(base.seen).toHaveLength(MAX_MEDIA_REDIRECTS + 1);
	});
});

describe('a download that takes too long', () => {
	it('says the file host timed out, with a remedy about the file, not about reasoning models', async () => {
		base.answer(() => undefined); // never answers
		const failure = await download(
			`${base.origin}/slow.mp4`,
			{
				timeoutMs: 300,
				maxBytes: 1024,
				baseUrl: `${base.origin}/v1`,
			},
			wholeFile,
		).catch((error: unknown) => error as XaiRequestError);
		expect(failure).toBeInstanceOf(XaiRequestError);
		expect((failure as XaiRequestError).message).toBe(
			`Downloading the file xAI made from ${new URL(base.origin).host} timed out (the Timeout of 0.3 s ran out)`,
		);
		expect(remedyFor(failure as XaiRequestError)).not.toMatch(/reasoning/);
		expect(remedyFor(failure as XaiRequestError)).toMatch(/temporary URL|Timeout/);
	});
});
