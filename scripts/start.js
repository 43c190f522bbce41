#!/usr/bin/env node
'use strict';
/**
 * `npm start`: builds the package, installs it into a real n8n as a community package (in
 * .n8n-demo/ under the project), imports the example workflows and a credential, and starts n8n on
 * port 5678. With XAI_API_KEY set the credential calls xAI; without it, the bundled fake xAI server
 * answers (offline demo). Ctrl-C stops everything it started.
 */
const { mkdirSync, readFileSync, readdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const { startFakeXai } = require('../test/fake-xai/server');
const { DEMO_OWNER: OWNER, N8nHost, ROOT, VERSIONS, packPackage } = require('./lib/n8n-host');

const PORT = Number(process.env.N8N_PORT ?? 5678);

async function main() {
	const host = VERSIONS.find((v) => String(v.major) === String(process.env.N8N_MAJOR ?? 1));
	const folder = join(ROOT, '.n8n-demo');
	const fresh = !existsSync(join(folder, '.n8n', 'database.sqlite'));
	mkdirSync(folder, { recursive: true });

	const apiKey = process.env.XAI_API_KEY;
	let fake;
	let baseUrl = 'https://api.x.ai/v1';
	if (!apiKey) {
		fake = await startFakeXai({ paceMs: 30, latencyMs: 300 });
		baseUrl = fake.url;
	}
	const suffix = apiKey ? '' : ' (offline demo)';

	console.log(
		`Building the package and installing n8n ${host.version} (the first run takes a few minutes)...`,
	);
	const n8n = new N8nHost(host, { userFolder: folder, port: PORT });
	await n8n.install(packPackage(folder));

	const fill = (text) => text.split('{{NAME_SUFFIX}}').join(suffix);
	await n8n.import('credentials', [
		{
			id: 'grokChatExample',
			name: `xAI Grok account${suffix}`,
			type: 'xAiGrokApi',
			data: { apiKey: apiKey ?? 'offline-demo-key', baseUrl },
		},
	]);
	const examples = join(ROOT, 'examples');
	for (const file of readdirSync(examples).filter((name) => name.endsWith('.json'))) {
		await n8n.import('workflow', JSON.parse(fill(readFileSync(join(examples, file), 'utf8'))));
	}

	const stop = async () => {
		await n8n.stop();
		await fake?.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);

	console.log('Starting n8n...');
	await n8n.start();
	if (fresh) await n8n.setupOwner(OWNER).catch(() => undefined);

	const url = `http://localhost:${PORT}/workflow/grokChatExample`;
	console.log(`
  n8n ${host.version} is running with the package (Grok Chat, Grok Imagine, Grok Voice, Grok Batch) installed as a community package.
  ${apiKey ? 'Credential: your XAI_API_KEY, calling https://api.x.ai/v1.' : `OFFLINE DEMO: no XAI_API_KEY set, so a fake xAI server on ${baseUrl} answers.\n  Set XAI_API_KEY and run npm start again to talk to Grok for real.`}

  Open   ${url}
  Log in ${OWNER.email} / ${OWNER.password}
  Click  "Execute workflow", then open the Grok Chat node to see one reply per question.
         The other examples (examples/*.json) are in the workflow list.

  Ctrl-C stops n8n${fake ? ' and the fake xAI server' : ''}.
`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
