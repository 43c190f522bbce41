/**
 * "Settings → Community Nodes → Install", proven in real n8n 1.123.50 and 2.41.1 started WITHOUT the
 * package: the package is published to a local registry, and n8n's own install (the endpoint the
 * Install button calls, POST /rest/community-packages) runs unchanged except for the registry it
 * reaches (see local-registry.ts for exactly what is replaced). Then a workflow with the installed
 * node runs against the fake xAI. n8n 2.x's environment-managed install (N8N_COMMUNITY_PACKAGES)
 * is proven the same way.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startFakeXai, type FakeXai } from '../fake-xai/server';
import {
	DEMO_OWNER,
	N8nHost,
	NODE_TYPE,
	packPackage,
	ROOT,
	VERSIONS,
} from '../../scripts/lib/n8n-host';
import { outputs, type RawRun } from '../e2e/run-data';
import {
	PUBLIC_REGISTRY,
	startLocalRegistry,
	startRegistryProxy,
	writeNpmWrapper,
	type LocalRegistry,
	type NpmWrapper,
	type RegistryProxy,
} from './local-registry';

const PACKAGE = 'n8n-nodes-xai-grok';
const { version: PACKAGE_VERSION, n8n: MANIFEST } = JSON.parse(
	readFileSync(join(ROOT, 'package.json'), 'utf8'),
) as { version: string; n8n: { nodes: string[] } };

let work: string;
let registry: LocalRegistry;
let proxy: RegistryProxy;
let fake: FakeXai;

beforeAll(async () => {
	work = mkdtempSync(join(tmpdir(), 'grok-install-'));
	const tarball = packPackage(work);
	registry = await startLocalRegistry(join(work, 'registry'));
	registry.publishDependencies(ROOT);
	registry.publish(tarball);
	proxy = await startRegistryProxy(join(work, 'tls'), registry.url);
	fake = await startFakeXai();
}, 120_000);

afterAll(async () => {
	await registry?.close();
	await proxy?.close();
	await fake?.close();
	rmSync(work, { recursive: true, force: true });
	console.log(`n8n's own HTTP requests through the test's proxy:\n${proxy?.requests.join('\n')}`);
});

/** A credential for the fake xAI and a workflow with the installed node asking it one question. */
async function importAndRun(n8n: N8nHost, question: string): Promise<RawRun> {
	await n8n.import('credentials', [
		{
			id: 'grokInstallFake',
			name: 'xAI (fake)',
			type: 'xAiGrokApi',
			data: { apiKey: 'xai-install-key', baseUrl: fake.url },
		},
	]);
	await n8n.import('workflow', {
		id: 'grokInstalled',
		name: 'Installed from the registry',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: { Start: { main: [[{ node: 'Grok Chat', type: 'main', index: 0 }]] } },
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'grok',
				name: 'Grok Chat',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [250, 0],
				parameters: {
					model: { __rl: true, mode: 'id', value: 'grok-3' },
					messages: { values: [{ role: 'user', content: question }] },
				},
				credentials: { xAiGrokApi: { id: 'grokInstallFake', name: 'xAI (fake)' } },
			},
		],
	});
	return await n8n.execute('grokInstalled');
}

/**
 * The node types n8n offers the editor. n8n writes types/nodes.json (some 14 MB) itself, at start
 * and after an install, and serves the file as it stands: one read in a fresh CI run got it cut
 * off mid-string. Read again until it is whole JSON, for up to 30 s.
 */
async function nodeTypes(n8n: N8nHost): Promise<string[]> {
	const until = Date.now() + 30_000;
	for (;;) {
		const response = await fetch(`${n8n.url}/types/nodes.json`, {
			headers: { cookie: n8n.cookie ?? '', 'browser-id': 'grok-chat-local' },
		});
		expect(response.status).toBe(200);
		const text = await response.text();
		try {
			return (JSON.parse(text) as Array<{ name: string }>).map((type) => type.name);
		} catch (error) {
			if (Date.now() > until) throw error;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
}

/** Starts n8n WITHOUT the package (install() is given no tarball) and signs in as its owner. */
async function startSignedIn(n8n: N8nHost) {
	await n8n.install();
	await n8n.start();
	await n8n.setupOwner(DEMO_OWNER);
	await n8n.rest('/login', { emailOrLdapLoginId: DEMO_OWNER.email, password: DEMO_OWNER.password });
}

function hostWithLocalRegistry(version: (typeof VERSIONS)[number], name: string, env = {}) {
	const dir = join(work, name);
	const npm = writeNpmWrapper(dir, registry.url);
	const n8n = new N8nHost(version, {
		userFolder: join(dir, 'n8n'),
		env: { PATH: `${npm.binDir}:${process.env.PATH}`, ...proxy.env, ...env },
	});
	return { n8n, npm };
}

/**
 * n8n's own npm commands, as n8n gave them: `npm pack <name>@<version>` then `npm install` in the
 * unpacked folder, each naming the public registry (which the wrapper swapped, and nothing else).
 */
function expectNpmAsN8nRunsIt(npm: NpmWrapper, version: string) {
	const calls = npm.calls();
	// n8n may run `npm outdated` afterwards, when it lists its packages.
	expect(calls.slice(0, 2).map((args) => args[0])).toEqual(['pack', 'install']);
	expect(calls[0]).toEqual(expect.arrayContaining([`${PACKAGE}@${version}`]));
	for (const args of calls.slice(0, 2))
		expect(args.filter((arg) => arg.startsWith('--registry='))).toEqual([
			`--registry=${PUBLIC_REGISTRY}`,
		]);
}

describe.each(VERSIONS)('Settings → Community Nodes → Install in real n8n $version', (version) => {
	let n8n: N8nHost;
	let npm: NpmWrapper;
	let before: Array<{ packageName: string }>;
	let folderBefore: boolean;
	let installed: {
		packageName: string;
		installedVersion: string;
		installedNodes: Array<{ type: string }>;
	};
	let typesAfterInstall: string[];
	let run: RawRun;
	let seconds: number;

	beforeAll(async () => {
		const started = Date.now();
		({ n8n, npm } = hostWithLocalRegistry(version, `rest-${version.major}`));
		await startSignedIn(n8n);
		before = (await n8n.rest('/community-packages')).data;
		folderBefore = existsSync(join(n8n.userFolder, '.n8n/nodes/node_modules', PACKAGE));
		installed = (await n8n.rest('/community-packages', { name: PACKAGE })).data;
		typesAfterInstall = await nodeTypes(n8n);
		await n8n.stop();
		run = await importAndRun(n8n, 'installed from the local registry');
		seconds = Math.round((Date.now() - started) / 1000);
		console.log(`community install in n8n ${version.version}: ${seconds} s`);
	}, 600_000);

	afterAll(async () => {
		await n8n?.stop();
	});

	it('starts without the package', () => {
		expect(before).toEqual([]);
		expect(folderBefore).toBe(false);
	});

	it("installs it through n8n's community-packages endpoint, with n8n's own npm pack and npm install", () => {
		expect(installed).toMatchObject({ packageName: PACKAGE, installedVersion: PACKAGE_VERSION });
		// Every node of the package (package.json's n8n.nodes), Grok Chat among them.
		expect(installed.installedNodes.map((node) => node.type)).toContain(NODE_TYPE);
		expect(installed.installedNodes).toHaveLength(MANIFEST.nodes.length);
		expectNpmAsN8nRunsIt(npm, 'latest');
		expect(existsSync(join(n8n.userFolder, '.n8n/nodes/node_modules', PACKAGE, 'dist'))).toBe(true);
	});

	it('the running n8n offers the node at once, without a restart', () => {
		expect(typesAfterInstall).toEqual(
			expect.arrayContaining(installed.installedNodes.map((node) => node.type)),
		);
	});

	it('runs a workflow with the installed node', () => {
		expect(run.data.resultData.error).toBeUndefined();
		const [success] = outputs(run, 'Grok Chat');
		expect(success.map((item) => item.json.content)).toEqual([
			'Grok reply to: installed from the local registry',
		]);
	});
});

describe('N8N_COMMUNITY_PACKAGES (environment-managed install) in real n8n 2.41.1', () => {
	const version = VERSIONS.find((v) => v.major === 2)!;
	let n8n: N8nHost;
	let npm: NpmWrapper;
	let listed: Array<{ packageName: string; installedVersion: string }>;
	let refusal: string;
	let run: RawRun;

	beforeAll(async () => {
		({ n8n, npm } = hostWithLocalRegistry(version, 'env-2', {
			N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV: 'true',
			N8N_COMMUNITY_PACKAGES: JSON.stringify([{ name: PACKAGE, version: PACKAGE_VERSION }]),
		}));
		await startSignedIn(n8n);
		listed = (await n8n.rest('/community-packages')).data;
		refusal = await n8n.rest('/community-packages', { name: 'n8n-nodes-other' }).then(
			() => 'accepted',
			(error: Error) => error.message,
		);
		await n8n.stop();
		run = await importAndRun(n8n, 'installed from the environment');
	}, 600_000);

	afterAll(async () => {
		await n8n?.stop();
	});

	it('installs the package named in N8N_COMMUNITY_PACKAGES when n8n starts', () => {
		expect(n8n.log).toContain(
			`Installed community package '${PACKAGE}@${PACKAGE_VERSION}' from env`,
		);
		expect(listed).toEqual([
			expect.objectContaining({ packageName: PACKAGE, installedVersion: PACKAGE_VERSION }),
		]);
		expectNpmAsN8nRunsIt(npm, PACKAGE_VERSION);
	});

	it('refuses installs through the API while the environment manages packages', () => {
		expect(refusal).toMatch(/managed via environment variables/);
	});

	it('runs a workflow with the installed node', () => {
		const [success] = outputs(run, 'Grok Chat');
		expect(success.map((item) => item.json.content)).toEqual([
			'Grok reply to: installed from the environment',
		]);
	});
});
