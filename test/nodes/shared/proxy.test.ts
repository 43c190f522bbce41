/**
 * The host's proxy settings, as n8n's own AI nodes honour them: requests to xAI and media
 * downloads go through HTTP(S)_PROXY unless NO_PROXY names the host. A forward proxy on 127.0.0.1
 * records what went through it (plain http forwarded, https through CONNECT).
 */
import { startHostile, type Hostile } from '../../fake-xai/hostile';
import { startProxy, type ForwardProxy } from '../../fake-xai/proxy';
import { XaiSession } from '../../../nodes/shared/session';
import { proxySettings } from '../../../nodes/shared/transport';
import { wholeFile } from '../../helpers/whole-file';

const KEY = 'xai-Proxy-Secret-Key-0123456789';
const NAMES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];
let hostile: Hostile;
let proxy: ForwardProxy;
beforeAll(async () => {
	hostile = await startHostile();
	proxy = await startProxy();
});
afterAll(async () => {
	await hostile.close();
	await proxy.close();
});
beforeEach(() => {
	proxy.seen.length = 0;
	hostile.answer((_req, res) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{"data":[]}');
	});
});
afterEach(() => NAMES.forEach((name) => delete process.env[name]));

async function withSession<T>(baseUrl: string, use: (session: XaiSession) => Promise<T>) {
	const session = new XaiSession({ apiKey: KEY, baseUrl }, { concurrency: 1 });
	try {
		return await use(session);
	} finally {
		session.close();
	}
}
const listModels = async (baseUrl = hostile.url) =>
	await withSession(
		baseUrl,
		async (session) =>
			await session.send(
				{ method: 'get', path: '/models', fromJson: (value) => value },
				{ timeoutMs: 3000, maxRetries: 0 },
			),
	);

describe('proxies from the environment', () => {
	it('sends requests to an http Base URL through HTTP_PROXY', async () => {
		process.env.HTTP_PROXY = proxy.url;
		await expect(listModels()).resolves.toEqual({ data: [] });
		expect(proxy.seen).toEqual([{ method: 'GET', target: `${hostile.url}/models` }]);
		expect(hostile.requests).toHaveLength(1);
	});

	it('reads the lowercase names too, and downloads go the same way', async () => {
		process.env.http_proxy = proxy.url;
		const file = await withSession(
			hostile.url,
			async (session) =>
				await session.download(
					`${hostile.origin}/files/a.png`,
					{
						timeoutMs: 3000,
						maxRetries: 0,
						maxBytes: 1024,
					},
					wholeFile,
				),
		);
		expect(file.bytes.toString()).toBe('{"data":[]}');
		expect(proxy.seen).toEqual([{ method: 'GET', target: `${hostile.origin}/files/a.png` }]);
	});

	it('goes direct to hosts NO_PROXY names', async () => {
		process.env.HTTP_PROXY = proxy.url;
		process.env.NO_PROXY = 'example.com, 127.0.0.1';
		await expect(listModels()).resolves.toEqual({ data: [] });
		expect(proxy.seen).toEqual([]);
	});

	it('tunnels https through HTTPS_PROXY with CONNECT', async () => {
		process.env.HTTPS_PROXY = proxy.url;
		// The fake speaks plain http, so TLS fails after the tunnel: what counts is the CONNECT.
		await expect(listModels(`https://127.0.0.1:${new URL(hostile.url).port}/v1`)).rejects.toThrow();
		expect(proxy.seen).toEqual([
			{ method: 'CONNECT', target: `127.0.0.1:${new URL(hostile.url).port}` },
		]);
	});

	it('goes direct when no proxy is set', async () => {
		await expect(listModels()).resolves.toEqual({ data: [] });
		expect(proxy.seen).toEqual([]);
		expect(proxySettings({})).toBeUndefined();
	});

	it('takes https_proxy for https and falls back to the http proxy', () => {
		expect(proxySettings({ HTTP_PROXY: 'http://p:1', no_proxy: 'a.b' })).toEqual({
			httpProxy: 'http://p:1',
			httpsProxy: 'http://p:1',
			noProxy: 'a.b',
		});
		expect(proxySettings({ https_proxy: 'http://s:2', HTTPS_PROXY: 'http://S:3' })).toEqual({
			httpProxy: undefined,
			httpsProxy: 'http://s:2',
			noProxy: '',
		});
	});
});
