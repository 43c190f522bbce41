/**
 * The same AI Agent and question on three chat models in one run of real n8n 2.x, against the same
 * fake xAI: this package's Grok Chat Model, n8n's own xAI Grok Chat Model (lmChatXAiGrok), and
 * n8n's OpenAI Chat Model (lmChatOpenAi 1.3, "Use Responses API", base URL at the fake). It records
 * what each sends (GROK_E2E_COMPARE=<file> writes the bodies) and checks the differences the README
 * names: endpoint, tools' shape, parameters sent by default, X search.
 */
import { writeFileSync } from 'node:fs';

import type { FakeXai, RecordedRequest } from '../fake-xai/server';
import { type N8nHost, packPackage, VERSIONS } from '../../scripts/lib/n8n-host';
import { outputs, startHostWithFake, type RawRun } from './run-data';

const OPENAI_KEY = 'sk-openai-at-the-fake-e2e';

let tarball: string;
beforeAll(() => {
	tarball = packPackage();
});

for (const version of VERSIONS.filter((host) => host.major >= 2)) {
	describe(`One agent on three chat models in real n8n ${version.version}`, () => {
		const state = {} as { fake: FakeXai; n8n: N8nHost; run: RawRun };
		/** The requests of one model: Grok Chat Model, n8n's xAI Grok, n8n's OpenAI. */
		const sentBy = {} as Record<'grok' | 'xai' | 'openai', RecordedRequest[]>;
		beforeAll(async () => {
			Object.assign(state, await startHostWithFake(version, tarball, ['agent-model-compare']));
			await state.n8n.import('credentials', [
				{
					id: 'grokE2eOpenAi',
					name: 'OpenAI at the fake xAI',
					type: 'openAiApi',
					data: { apiKey: OPENAI_KEY, url: state.fake.url },
				},
			]);
			state.run = await state.n8n.execute('grokE2eModelCmp');
			const requests = state.fake.requests.filter((r) => r.method === 'POST');
			const key = (r: RecordedRequest) => r.headers.authorization ?? '';
			sentBy.grok = requests.filter((r) => r.path === '/responses' && !key(r).includes(OPENAI_KEY));
			sentBy.openai = requests.filter(
				(r) => r.path === '/responses' && key(r).includes(OPENAI_KEY),
			);
			sentBy.xai = requests.filter((r) => r.path === '/chat/completions');
			if (process.env.GROK_E2E_COMPARE) {
				const bodies = Object.fromEntries(
					Object.entries(sentBy).map(([name, list]) => [
						name,
						list.map((r) => ({ path: r.path, body: r.body })),
					]),
				);
				writeFileSync(process.env.GROK_E2E_COMPARE, JSON.stringify(bodies, null, 2));
			}
		}, 900_000);
		afterAll(async () => {
			await state.n8n?.stop();
			await state.fake?.close();
		});

		it('runs the agent on each model to the Calculator result; only Grok Chat Model shows sources', () => {
			const answer = (agent: string) => outputs(state.run, agent)[0][0].json.output as string;
			expect(answer('Grok Agent')).toMatch(/\n\nSources:\n1\. https:\/\/example\.com\/a\n/);
			expect(answer('xAI Agent')).toBe('Answer from Calculator: [{"response":"42"}]');
			expect(answer('OpenAI Agent')).not.toMatch(/Sources:/);
			for (const agent of ['Grok Agent', 'xAI Agent', 'OpenAI Agent']) {
				expect(outputs(state.run, agent)[0].map((item) => item.json.output)).toEqual([
					expect.stringMatching(/^Answer from Calculator: \[\{"response":"42"\}\]/),
				]);
			}
		});

		it('Grok Chat Model: Responses API, flat function tools beside web and X search, no default parameters', () => {
			const [ask] = sentBy.grok.map((r) => r.body);
			expect(ask.tools).toEqual([
				expect.objectContaining({ type: 'function', name: 'Calculator' }),
				{ type: 'web_search' },
				{ type: 'x_search' },
			]);
			expect(Object.keys(ask).sort()).toEqual(['input', 'model', 'store', 'stream', 'tools']);
			const [, answer] = sentBy.grok.map((r) => r.body);
			expect(answer.input.at(-2)).toMatchObject({ arguments: '{"input":"6 * 7"}' });
		});

		it("n8n's xAI Grok Chat Model: chat completions, nested function tools, no web or X search, no default parameters", () => {
			const [ask] = sentBy.xai.map((r) => r.body);
			expect(ask.model).toBe('grok-4');
			expect(ask.tools).toEqual([
				expect.objectContaining({
					type: 'function',
					function: expect.objectContaining({ name: 'Calculator' }),
				}),
			]);
			expect(JSON.stringify(ask)).not.toMatch(/search/);
			// With no option added, 2.41.1 sends no sampling or penalty parameter either.
			expect(Object.keys(ask).sort()).toEqual(['messages', 'model', 'stream', 'tools']);
		});

		it("n8n's OpenAI Chat Model at xAI: Responses API, OpenAI's web search shape, no X search", () => {
			const [ask] = sentBy.openai.map((r) => r.body);
			expect(ask.model).toBe('grok-4');
			const types = ask.tools.map((tool: { type: string }) => tool.type);
			expect(types).toEqual(expect.arrayContaining(['function', 'web_search']));
			expect(types).not.toContain('x_search');
			expect(ask.tools[1]).toEqual({ type: 'web_search', search_context_size: 'medium' });
			expect(Object.keys(ask).sort()).toEqual(['input', 'model', 'stream', 'text', 'tools']);
		});
	});
}
