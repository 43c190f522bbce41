/** Reading what `n8n execute --rawOutput` printed. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startFakeXai, type FakeXai } from '../fake-xai/server';
import { N8nHost, ROOT, VERSIONS } from '../../scripts/lib/n8n-host';

export interface TaskData {
	executionStatus?: string;
	error?: { message: string; name?: string; httpCode?: string; description?: string };
	/** n8n 2.x keeps the tokens a node's requests took here (n8n-workflow's accumulateTokenUsage). */
	metadata?: { tokenUsage?: { inputTokens: number; outputTokens: number } };
	/** Items per output, by connection type: `main`, or `ai_tool` for a node run as a tool. */
	data?: Record<string, Array<Array<{ json: Record<string, any>; pairedItem?: unknown }> | null>>;
}

export interface RawRun {
	data: { resultData: { runData: Record<string, TaskData[]>; error?: { message: string } } };
	exitCode: number;
}

export function task(run: RawRun, nodeName: string): TaskData {
	const data = run.data.resultData.runData[nodeName]?.[0];
	if (!data)
		throw new Error(`node "${nodeName}" did not run: ${JSON.stringify(run.data.resultData.error)}`);
	return data;
}

/** A node's items per output, e.g. outputs(run, 'Grok Basic')[1] is its error output. */
export function outputs(run: RawRun, nodeName: string, connection = 'main') {
	return (task(run, nodeName).data?.[connection] ?? []).map((items) => items ?? []);
}

export function readWorkflow(name: string, replacements: Record<string, string> = {}) {
	let text = readFileSync(join(ROOT, 'test/e2e/workflows', `${name}.json`), 'utf8');
	for (const [key, value] of Object.entries(replacements))
		text = text.split(`{{${key}}}`).join(value);
	return JSON.parse(text);
}

/** An example workflow of `examples/`, as shipped, on the fake xAI's credential of the e2e runs. */
export function readExample(file: string) {
	const text = readFileSync(join(ROOT, 'examples', file), 'utf8')
		.split('{{NAME_SUFFIX}}')
		.join('')
		.split('"grokChatExample"')
		.join('"grokE2eFake"');
	return JSON.parse(text);
}

/**
 * A version 1 workflow made version 2 with web and X search on: the same nodes and wiring under
 * another ID, so a version 2 test does not copy the workflow file.
 */
export function withGrokVersion2(workflow: Record<string, any>, id: string, webhookPath?: string) {
	const copy = JSON.parse(JSON.stringify(workflow));
	copy.id = id;
	copy.name = `${copy.name} (version 2)`;
	for (const node of copy.nodes) {
		if (node.type.startsWith('n8n-nodes-xai-grok.grokChat')) {
			node.typeVersion = 2;
			node.parameters.builtInTools = { webSearch: {}, xSearch: {} };
		}
		if (webhookPath && node.type === 'n8n-nodes-base.webhook') {
			node.parameters.path = webhookPath;
			node.webhookId = node.webhookId.replace(/.$/, (last: string) => (last === '1' ? '2' : '1'));
		}
	}
	return copy;
}

/** The e2e credentials (test/e2e/credentials.template.json), pointed at the fake xAI at `fakeUrl`. */
export function credentialsFor(fakeUrl: string) {
	return JSON.parse(
		readFileSync(join(ROOT, 'test/e2e/credentials.template.json'), 'utf8')
			.split('{{FAKE_XAI_URL}}')
			.join(fakeUrl),
	);
}

export const FIXTURES = join(ROOT, 'test/e2e/fixtures');

/**
 * A fake xAI and an n8n of `host` with the packed package installed, the e2e credentials (pointed
 * at the fake) and the named workflows imported.
 */
export async function startHostWithFake(
	host: (typeof VERSIONS)[number],
	tarball: string,
	workflows: string[],
): Promise<{ fake: FakeXai; n8n: N8nHost }> {
	const fake = await startFakeXai();
	const n8n = new N8nHost(host);
	await n8n.install(tarball);
	await n8n.import('credentials', credentialsFor(fake.url));
	for (const name of workflows) await n8n.import('workflow', readWorkflow(name, { FIXTURES }));
	return { fake, n8n };
}
