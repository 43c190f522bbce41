/**
 * Through a company's forward proxy, in real n8n processes (1.x and 2.x) with the packed package
 * installed: n8n runs with HTTP_PROXY and HTTPS_PROXY naming a recording proxy on 127.0.0.1
 * (test/fake-xai/proxy.js). Grok Chat (version 2) and Grok Imagine (an image by URL, so a media
 * download follows) run against the fake xAI twice: over plain http (the proxy forwards the
 * request and sees its URL) and over https (a TLS front before the fake, trusted through
 * NODE_EXTRA_CA_CERTS: the proxy sees a CONNECT tunnel). Then the same workflow with NO_PROXY
 * naming the fake's host: the proxy sees nothing and every item still succeeds.
 *
 * Everything stays on loopback. The fake and its media host listen on 127.0.0.1 (the media rule
 * lets a file be fetched from any port of the Base URL's host), so the proxied run sets no NO_PROXY
 * at all: n8n's own loopback traffic (a Code node makes it use its task broker, in 1.x too) would
 * show in the proxy's record, and does not, in either major (n8n starts its task runner with a
 * short list of variables, no proxy among them, and the package's proxy applies to its fetch
 * only). The direct run sets NO_PROXY=127.0.0.1,localhost, as a company's machine would.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';

import * as imagine from '../fake-xai/imagine';
import { startProxy, type ForwardProxy, type ProxySeen } from '../fake-xai/proxy';
import { startFakeXai, type FakeXai } from '../fake-xai/server';
import { N8nHost, packPackage, VERSIONS } from '../../scripts/lib/n8n-host';
import { credentialsFor, outputs, readWorkflow, task, type RawRun } from './run-data';

const CHAT_NODES = ['Grok Chat', 'Grok Chat HTTPS'];
const IMAGINE_NODES = ['Grok Imagine', 'Grok Imagine HTTPS'];

/** A TLS server on 127.0.0.1 that relays each connection, decrypted, to `port` (the fake xAI). */
async function startTlsFront(port: number) {
	const dir = mkdtempSync(join(tmpdir(), 'grok-proxy-tls-'));
	const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
	execFileSync(
		'openssl',
		// prettier-ignore
		['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
			'-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
		{ stdio: 'ignore' },
	);
	const sockets = new Set<Socket>();
	let connections = 0;
	const server: Server = createTlsServer(
		{ key: readFileSync(key), cert: readFileSync(cert) },
		(client) => {
			connections++;
			const upstream = connect(port, '127.0.0.1');
			for (const socket of [client, upstream]) {
				sockets.add(socket);
				socket.on('close', () => sockets.delete(socket));
				socket.on('error', () => {
					client.destroy();
					upstream.destroy();
				});
			}
			client.pipe(upstream).pipe(client);
		},
	);
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const { port: tlsPort } = server.address() as { port: number };
	return {
		url: `https://127.0.0.1:${tlsPort}/v1`,
		port: tlsPort,
		caFile: cert,
		connections: () => connections,
		close: () =>
			new Promise<void>((done) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => done());
			}),
	};
}

let tarball: string;
beforeAll(() => {
	tarball = packPackage();
});

describe.each(VERSIONS)('through a forward proxy in real n8n $version', (version) => {
	let fake: FakeXai;
	let proxy: ForwardProxy;
	let front: Awaited<ReturnType<typeof startTlsFront>>;
	let n8n: N8nHost;
	let proxied: RawRun;
	let direct: RawRun;
	/** What the proxy, the fake xAI, the TLS front and the media host saw in each run. */
	const seen = { proxied: [] as ProxySeen[], direct: [] as ProxySeen[] };
	const fakeRequests = { proxied: 0, direct: 0 };
	const tunnels = { proxied: 0, direct: 0 };
	const downloads = { proxied: [] as string[], direct: [] as string[] };

	async function runWith(noProxy: string | undefined, record: 'proxied' | 'direct') {
		proxy.seen.length = 0;
		const [requests, connections, media] = [
			fake.requests.length,
			front.connections(),
			imagine.mediaRequests().length,
		];
		const { NO_PROXY: _unset, ...env } = n8n.extraEnv;
		n8n.extraEnv = noProxy === undefined ? env : { ...env, NO_PROXY: noProxy };
		const run = await n8n.execute('grokE2eProxy');
		seen[record] = [...proxy.seen];
		fakeRequests[record] = fake.requests.length - requests;
		tunnels[record] = front.connections() - connections;
		downloads[record] = imagine
			.mediaRequests()
			.slice(media)
			.map((request) => request.path);
		return run;
	}

	beforeAll(async () => {
		fake = await startFakeXai();
		proxy = await startProxy();
		front = await startTlsFront(fake.port);
		imagine.reset();
		n8n = new N8nHost(version);
		await n8n.install(tarball);
		const credentials = credentialsFor(fake.url);
		credentials.push({
			id: 'grokE2eProxyTls',
			name: 'xAI (fake server over https)',
			type: 'xAiGrokApi',
			data: { apiKey: 'xai-e2e-canary-7c41d9', baseUrl: front.url },
		});
		await n8n.import('credentials', credentials);
		await n8n.import('workflow', readWorkflow('proxy'));
		n8n.extraEnv = {
			HTTP_PROXY: proxy.url,
			HTTPS_PROXY: proxy.url,
			NODE_EXTRA_CA_CERTS: front.caFile,
			// 2.x always runs Code in a task runner; 1.x only when asked: both talk to their broker.
			N8N_RUNNERS_ENABLED: 'true',
		};
		// No NO_PROXY at all: whatever of n8n's own would take the proxy shows in its record.
		proxied = await runWith(undefined, 'proxied');
		direct = await runWith('127.0.0.1,localhost', 'direct');
	}, 900_000);

	afterAll(async () => {
		await n8n?.stop();
		await front?.close();
		await proxy?.close();
		await fake?.close();
	});

	const expectSucceeded = (run: RawRun) => {
		expect(run.data.resultData.error).toBeUndefined();
		for (const name of [...CHAT_NODES, ...IMAGINE_NODES, 'Count Words'])
			expect([name, task(run, name).executionStatus]).toEqual([name, 'success']);
		expect(CHAT_NODES.map((name) => outputs(run, name)[0][0].json.content)).toEqual([
			'Hello through the proxy',
			'Hello through the tunnel',
		]);
		expect(outputs(run, 'Count Words')[0][0].json).toEqual({ words: 4 });
		for (const name of IMAGINE_NODES) {
			const [[image]] = outputs(run, name);
			const binary = (image as { binary?: Record<string, any> }).binary?.data;
			expect([name, binary?.mimeType, binary?.fileName]).toEqual([
				name,
				'image/png',
				'grok-imagine-1.png',
			]);
		}
	};

	it('sends Grok Chat, Grok Imagine and its image download through HTTP(S)_PROXY, and only those', () => {
		expectSucceeded(proxied);
		const fakeOrigin = new URL(fake.url).origin;
		const [httpImage, httpsImage] = IMAGINE_NODES.map(
			(name) => outputs(proxied, name)[0][0].json.url as string,
		);
		// Plain http is forwarded, so the proxy sees each URL; https is one CONNECT tunnel, kept
		// alive for both https nodes. Nothing else: n8n's own loopback traffic (its task broker,
		// which the Code node used) did not take the proxy although NO_PROXY was unset.
		expect(sortSeen(seen.proxied)).toEqual(
			sortSeen([
				{ method: 'POST', target: `${fakeOrigin}/v1/responses` },
				{ method: 'POST', target: `${fakeOrigin}/v1/images/generations` },
				{ method: 'GET', target: httpImage },
				{ method: 'CONNECT', target: `127.0.0.1:${front.port}` },
				{ method: 'GET', target: httpsImage },
			]),
		);
		expect(downloads.proxied.sort()).toEqual(
			[httpImage, httpsImage].map((url) => new URL(url).pathname).sort(),
		);
		// The https requests really went through the tunnel to the fake, behind the TLS front.
		expect(tunnels.proxied).toBe(1);
		expect(fakeRequests.proxied).toBe(4);
	});

	it('goes direct to the hosts NO_PROXY names, and every item still succeeds', () => {
		expectSucceeded(direct);
		expect(seen.direct).toEqual([]);
		expect(fakeRequests.direct).toBe(4);
		expect(tunnels.direct).toBeGreaterThanOrEqual(1);
		expect(downloads.direct).toHaveLength(2);
	});

	it('never lets the API key into the run data', () => {
		expect(JSON.stringify([proxied, direct])).not.toContain('xai-e2e-canary-7c41d9');
	});
});

const sortSeen = (entries: ProxySeen[]) =>
	[...entries].sort((a, b) => `${a.method} ${a.target}`.localeCompare(`${b.method} ${b.target}`));
