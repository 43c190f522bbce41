/**
 * Grok Chat Model as the model of n8n's AI Agent, in real n8n installed from the packed tarball,
 * against the fake xAI: the agent's Calculator tool called through xAI's function calls (several
 * items, several steps), web and X search with the sources in the answer, xAI's errors on the
 * agent's error output. n8n 1.x has no AI node SDK: there the package must still load and the
 * model must say what it needs, so 1.x registers only that check.
 */
import { writeFileSync } from 'node:fs';

import type { FakeXai } from '../fake-xai/server';
import { type N8nHost, packPackage, VERSIONS } from '../../scripts/lib/n8n-host';
import { outputs, startHostWithFake, task, type RawRun } from './run-data';

const CANARY_KEY = 'xai-e2e-canary-7c41d9';
const answers = (items: Array<{ json: Record<string, any> }>) =>
	items.map((item) => item.json.output as string).sort();

let tarball: string;
beforeAll(() => {
	tarball = packPackage();
});

function hostWithModelWorkflow(version: (typeof VERSIONS)[number], workflows = ['agent-model']) {
	const state = {} as { fake: FakeXai; n8n: N8nHost; run: RawRun };
	beforeAll(async () => {
		Object.assign(state, await startHostWithFake(version, tarball, workflows));
		state.run = await state.n8n.execute('grokE2eModel');
	}, 900_000);
	afterAll(async () => {
		await state.n8n?.stop();
		await state.fake?.close();
	});
	return state;
}

for (const version of VERSIONS.filter((host) => host.major >= 2)) {
	describe(`Grok Chat Model as the AI Agent's model in real n8n ${version.version}`, () => {
		const state = hostWithModelWorkflow(version, ['agent-model', 'agent-model-stream']);
		const bodiesAbout = (text: string) =>
			state.fake
				.responsesRequests()
				.map((r) => r.body)
				.filter((body) => JSON.stringify(body.input).includes(text));

		it("answers each item with the Calculator's result, through function calls and their outputs", () => {
			const { run } = state;
			if (process.env.GROK_E2E_REQUESTS) {
				const all = state.fake.responsesRequests().map((r) => r.body);
				writeFileSync(process.env.GROK_E2E_REQUESTS, JSON.stringify(all, null, 2));
			}
			expect(task(run, 'Calc Agent').executionStatus).toBe('success');
			expect(answers(outputs(run, 'Calc Agent')[0])).toEqual([
				'Answer from Calc_Calculator: [{"response":"12.5"}]',
				'Answer from Calc_Calculator: [{"response":"42"}]',
				'Answer from Calc_Calculator: [{"response":"43"}]',
			]);
			const [ask, answer] = bodiesAbout('What is 6 * 7?');
			expect(ask.tools).toEqual([
				expect.objectContaining({
					type: 'function',
					name: 'Calc_Calculator',
					parameters: expect.objectContaining({ properties: { input: { type: 'string' } } }),
				}),
			]);
			expect(ask).toMatchObject({ model: 'grok-4', max_output_tokens: 800, temperature: 0.2 });
			expect(ask).not.toHaveProperty('reasoning');
			const [call, output] = answer.input.slice(-2);
			expect(call).toMatchObject({
				type: 'function_call',
				name: 'Calc_Calculator',
				arguments: '{"input":"6 * 7"}',
			});
			expect(output).toEqual({
				type: 'function_call_output',
				call_id: call.call_id,
				output: '[{"response":"42"}]',
			});
		});

		it('calls the tool several times before answering (multi-step)', () => {
			expect(answers(outputs(state.run, 'Steps Agent')[0])).toEqual([
				'Answer from Steps_Calculator: [{"response":"42"}]; Steps_Calculator: [{"response":"6"}]',
			]);
			const bodies = bodiesAbout('What is 12 + 30 and 2 * 3?');
			expect(bodies.map((body) => body.input.length)).toEqual([1, 3, 5]);
		});

		it("reports the model's token usage in the run data", () => {
			const [[first]] = outputs(state.run, 'Calc Model', 'ai_languageModel');
			expect(first.json.tokenUsage).toEqual({
				promptTokens: expect.any(Number),
				completionTokens: expect.any(Number),
				totalTokens: expect.any(Number),
			});
			expect(first.json.tokenUsage.promptTokens).toBeGreaterThan(0);
		});

		it('searches the web and X beside the agent tools, and appends the cited sources to the answer', () => {
			const { run } = state;
			const [[answer]] = outputs(run, 'Search Agent');
			expect(answer.json.output).toBe(
				'Answer from Search_Calculator: [{"response":"42"}] [[1]](https://example.com/a) [[2]](https://news.example.org/b) [[1]](https://example.com/a) [[3]](https://x.com/i/status/1)' +
					'\n\nSources:\n1. https://example.com/a\n2. https://news.example.org/b\n3. https://x.com/i/status/1',
			);
			const bodies = bodiesAbout('in the news today');
			expect(bodies.map((body) => body.tools.map((tool: { type: string }) => tool.type))).toEqual([
				['function', 'web_search', 'x_search'],
				['function', 'web_search', 'x_search'],
			]);
		});

		it("puts an xAI error on the agent's error output with xAI's message; a 429 is retried", () => {
			const { run } = state;
			const [success, failed] = outputs(run, 'Failing Agent');
			expect(answers(success)).toEqual(['Grok reply to: Say hello', 'Grok reply to: Say it again']);
			expect(failed).toHaveLength(1);
			expect(failed[0].json.error).toMatch(/xAI error 403: Content violates usage guidelines/);
			expect(bodiesAbout('Say it again')).toHaveLength(2);
		});

		it('never shows the API key in the run data', () => {
			expect(JSON.stringify(state.run)).not.toContain(CANARY_KEY);
		});

		it("streams the agent's answer to a webhook client as Grok writes it, sources last", async () => {
			await state.n8n.activate('grokE2eModelStrm');
			await state.n8n.start();
			const question = 'What is 6 * 7 right now? [pace:100]';
			let response: Response | undefined;
			// n8n 2.x may answer 404 for a moment after start, while it registers the webhook.
			for (let attempt = 0; attempt < 20 && (response?.status ?? 404) === 404; attempt++) {
				if (attempt) await new Promise((done) => setTimeout(done, 500));
				response = await fetch(`${state.n8n.url}/webhook/grok-agent-stream`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ question }),
				});
			}
			expect(response!.status).toBe(200);
			const chunks = (await response!.text())
				.split('\n')
				.filter((line) => line.trim())
				.map((line) => JSON.parse(line) as { type: string; content?: string });
			const items = chunks.filter((chunk) => chunk.type === 'item');
			expect(items.length).toBeGreaterThan(3);
			expect(items.map((chunk) => chunk.content).join('')).toMatch(
				/^Answer from Calculator: .*42.*\n\nSources:\n1\. https:\/\/example\.com\/a\n2\. https:\/\/news\.example\.org\/b$/s,
			);
			const sent = bodiesAbout('right now?');
			expect(sent.map((body) => body.stream)).toEqual([true, true]);
		});
	});
}

for (const version of VERSIONS.filter((host) => host.major < 2)) {
	describe(`Grok Chat Model in real n8n ${version.version}, which has no AI node SDK: only the load check`, () => {
		const state = hostWithModelWorkflow(version);

		it('loads the package, and the model says it needs n8n 2.16.0 or newer instead of a module error', () => {
			const text = JSON.stringify(state.run);
			expect(text).not.toMatch(/Unrecognized node type/);
			expect(text).toMatch(/Grok Chat Model needs n8n 2\.16\.0 or newer/);
			expect(text).not.toMatch(/Cannot find module/);
			expect(state.fake.responsesRequests()).toHaveLength(0);
		});
	});
}
