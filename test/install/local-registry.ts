/**
 * What the community-install test puts between n8n and the public npm registry: a local registry
 * (verdaccio, no uplinks, so it serves only what the test publishes), an `npm` first on n8n's PATH
 * that swaps n8n's one registry flag for it, and an HTTPS proxy for n8n's own HTTP client that answers
 * n8n's direct look-ups at the public registry from the local one (with a certificate from a
 * throwaway CA that n8n is told to trust) and refuses everything else (such as n8n's banned-package
 * check at api.n8n.io), so nothing leaves the machine.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { createSecureContext, TLSSocket } from 'node:tls';
import { dirname, join } from 'node:path';

import { freePort, ROOT } from '../../scripts/lib/n8n-host';

/** The registry n8n passes to every npm command it runs, in 1.123.50 and 2.41.1. */
export const PUBLIC_REGISTRY = 'https://registry.npmjs.org';

export interface LocalRegistry {
	url: string;
	log(): string;
	/** `npm publish <tarball>` as a throwaway user of the local registry. */
	publish(tarball: string): string;
	/**
	 * Publishes the runtime dependencies of the package at `root` (its `dependencies`, recursively),
	 * packed from its node_modules: the registry has no uplink, and n8n's `npm install` needs them.
	 */
	publishDependencies(root: string): string[];
	close(): Promise<void>;
}

export async function startLocalRegistry(dir: string): Promise<LocalRegistry> {
	mkdirSync(join(dir, 'storage'), { recursive: true });
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const config = join(dir, 'verdaccio.yaml');
	writeFileSync(
		config,
		[
			`storage: ${join(dir, 'storage')}`,
			'auth:',
			'  htpasswd:',
			`    file: ${join(dir, 'htpasswd')}`,
			'    max_users: 1',
			// No uplinks: a name the test did not publish is a 404, never a fetch from elsewhere.
			'uplinks: {}',
			'packages:',
			"  '**':",
			'    access: $all',
			'    publish: $authenticated',
			'web:',
			'  enable: false',
			'log: { type: stdout, format: pretty, level: http }',
			'',
		].join('\n'),
	);
	let output = '';
	const server: ChildProcess = spawn(
		process.execPath,
		[
			join(ROOT, 'test/install/verdaccio/node_modules/verdaccio/bin/verdaccio'),
			'-c',
			config,
			'-l',
			`127.0.0.1:${port}`,
		],
		{ cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	server.stdout!.on('data', (data) => (output += data));
	server.stderr!.on('data', (data) => (output += data));
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (server.exitCode !== null) throw new Error(`verdaccio exited:\n${output}`);
		const ping = await fetch(`${url}/-/ping`).catch(() => undefined);
		if (ping?.ok) break;
		if (Date.now() > deadline) throw new Error(`verdaccio did not start:\n${output}`);
		await new Promise((done) => setTimeout(done, 250));
	}

	// A throwaway user (npm's own `adduser` request); publishing needs one.
	const user = await fetch(`${url}/-/user/org.couchdb.user:ci`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name: 'ci', password: 'throwaway-ci-password' }),
	});
	const { token } = (await user.json()) as { token: string };
	const userconfig = join(dir, 'npmrc');
	writeFileSync(userconfig, `//127.0.0.1:${port}/:_authToken=${token}\n`);

	const publish = (tarball: string) =>
		execFileSync(
			'npm',
			['publish', tarball, '--ignore-scripts', `--registry=${url}`, `--userconfig=${userconfig}`],
			{ cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
		);
	return {
		url,
		log: () => output,
		publish,
		publishDependencies: (root) =>
			runtimeDependencies(root).map((folder) => {
				const packed = execFileSync(
					'npm',
					['pack', folder, '--ignore-scripts', '--pack-destination', dir],
					{ cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
				);
				publish(join(dir, packed.trim().split('\n').pop()!));
				return folder;
			}),
		close: () =>
			new Promise<void>((done) => {
				if (server.exitCode !== null) return done();
				server.once('exit', () => done());
				server.kill('SIGTERM');
			}),
	};
}

/** The folders of a package's `dependencies`, recursively, as Node would resolve them. */
function runtimeDependencies(root: string): string[] {
	const found = new Set<string>();
	const visit = (folder: string) => {
		const { dependencies = {} } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
		for (const name of Object.keys(dependencies)) {
			let dir = folder;
			let resolved: string | undefined;
			for (;;) {
				const candidate = join(dir, 'node_modules', name);
				if (existsSync(join(candidate, 'package.json'))) {
					resolved = candidate;
					break;
				}
				const parent = dirname(dir);
				if (parent === dir) throw new Error(`${name} (needed by ${folder}) is not installed`);
				dir = parent;
			}
			if (!found.has(resolved)) {
				found.add(resolved);
				visit(resolved);
			}
		}
	};
	visit(root);
	return [...found];
}

export interface NpmWrapper {
	/** The folder to put first on n8n's PATH. */
	binDir: string;
	/** Each npm command n8n ran, as n8n gave its arguments. */
	calls(): string[][];
}

/**
 * An `npm` that replaces the argument `--registry=https://registry.npmjs.org` (n8n's only way of
 * naming the registry) with `--registry=<local>` (and adds it to a command that names none, such as
 * the `npm outdated` n8n 2.x runs when it lists packages), passes every other argument unchanged to
 * the real npm, and records what n8n asked for. Any other mention of the public registry fails the command,
 * so a new way of passing it would be noticed, not fetched from the internet.
 */
export function writeNpmWrapper(dir: string, registryUrl: string): NpmWrapper {
	const binDir = join(dir, 'bin');
	mkdirSync(binDir, { recursive: true });
	const realNpm = execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
	const callsFile = join(dir, 'npm-calls.jsonl');
	const script = join(binDir, 'npm');
	writeFileSync(
		script,
		`#!/bin/sh
# Written by test/install/local-registry.ts: n8n's npm, with n8n's registry flag pointed at the test's registry.
node -e 'console.log(JSON.stringify(process.argv.slice(1)))' -- "$@" >> '${callsFile}'
named=
for arg; do
	shift
	case $arg in
	--registry=${PUBLIC_REGISTRY} | --registry=${PUBLIC_REGISTRY}/) set -- "$@" '--registry=${registryUrl}'; named=1 ;;
	*registry.npmjs.org*) echo "npm wrapper: unexpected mention of the public registry: $arg" >&2; exit 97 ;;
	*) set -- "$@" "$arg" ;;
	esac
done
# A command n8n runs without naming a registry (npm outdated) would reach npm's default one.
[ -n "$named" ] || set -- "$@" '--registry=${registryUrl}'
exec '${realNpm}' "$@"
`,
	);
	chmodSync(script, 0o755);
	return {
		binDir,
		calls: () =>
			existsSync(callsFile)
				? readFileSync(callsFile, 'utf8')
						.trim()
						.split('\n')
						.map((line) => JSON.parse(line) as string[])
				: [],
	};
}

export interface RegistryProxy {
	/** Environment for n8n: its outbound HTTP(S) through this proxy (loopback excepted), and the test CA. */
	env: Record<string, string>;
	/** What was asked of it, and what it did. */
	requests: string[];
	close(): Promise<void>;
}

/** A throwaway CA and a certificate for the public registry's host name, signed by it. */
function registryCertificate(dir: string) {
	mkdirSync(dir, { recursive: true });
	const host = new URL(PUBLIC_REGISTRY).hostname;
	const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
	openssl([
		'req',
		'-x509',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-days',
		'2',
		'-subj',
		'/CN=Grok Chat install test CA',
		'-keyout',
		'ca.key',
		'-out',
		'ca.crt',
	]);
	openssl([
		'req',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-subj',
		`/CN=${host}`,
		'-keyout',
		'host.key',
		'-out',
		'host.csr',
	]);
	writeFileSync(join(dir, 'host.ext'), `subjectAltName=DNS:${host}\n`);
	openssl([
		'x509',
		'-req',
		'-in',
		'host.csr',
		'-CA',
		'ca.crt',
		'-CAkey',
		'ca.key',
		'-CAcreateserial',
		'-days',
		'2',
		'-extfile',
		'host.ext',
		'-out',
		'host.crt',
	]);
	return {
		ca: join(dir, 'ca.crt'),
		key: readFileSync(join(dir, 'host.key')),
		cert: readFileSync(join(dir, 'host.crt')),
	};
}

/**
 * An HTTP(S) proxy for n8n's own HTTP client. A tunnel to the public registry's host is answered
 * with a certificate from a throwaway CA (n8n is told to trust it) and its GET requests by the local
 * registry; every other request and tunnel (such as n8n's banned-package check at api.n8n.io) is
 * refused with 403.
 */
export async function startRegistryProxy(dir: string, registryUrl: string): Promise<RegistryProxy> {
	const requests: string[] = [];
	const { ca, key, cert } = registryCertificate(dir);
	const registryHost = new URL(PUBLIC_REGISTRY).host;
	const registry: Server = createServer((req, res) => {
		const target = `${PUBLIC_REGISTRY}${req.url}`;
		if (req.method !== 'GET') {
			requests.push(`${req.method} ${target} -> refused`);
			res.writeHead(403).end();
			return;
		}
		fetch(registryUrl + req.url, {
			headers: { accept: req.headers.accept ?? 'application/json' },
		}).then(
			async (reply) => {
				requests.push(`GET ${target} -> local registry ${reply.status}`);
				res.writeHead(reply.status, { 'content-type': reply.headers.get('content-type') ?? '' });
				res.end(Buffer.from(await reply.arrayBuffer()));
			},
			() => res.writeHead(502).end(),
		);
	});
	const context = createSecureContext({ key, cert });
	const proxy: Server = createServer((req, res) => {
		requests.push(`${req.method} ${req.url} -> refused`);
		res.writeHead(403).end('refused by the test: no network');
	});
	proxy.on('connect', (req, socket: Socket) => {
		if (req.url !== `${registryHost}:443`) {
			requests.push(`CONNECT ${req.url} -> refused`);
			socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
			return;
		}
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		registry.emit('connection', new TLSSocket(socket, { isServer: true, secureContext: context }));
	});
	const port = await freePort();
	await new Promise<void>((done) => proxy.listen(port, '127.0.0.1', done));
	const url = `http://127.0.0.1:${port}`;
	const noProxy = '127.0.0.1,localhost,::1';
	return {
		env: {
			HTTP_PROXY: url,
			HTTPS_PROXY: url,
			http_proxy: url,
			https_proxy: url,
			NO_PROXY: noProxy,
			no_proxy: noProxy,
			NODE_EXTRA_CA_CERTS: ca,
		},
		requests,
		close: () =>
			new Promise<void>((done) => {
				registry.closeAllConnections();
				proxy.closeAllConnections();
				proxy.close(() => done());
			}),
	};
}
