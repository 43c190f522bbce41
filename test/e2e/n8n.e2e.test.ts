/**
 * The package in real n8n processes, 1.x on Node 20 and 2.x on Node 24, installed from its packed
 * tarball as users install community packages, against the fake xAI server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startFakeXai, type FakeXai } from '../fake-xai/server';
import { N8nHost, NODE_TYPE, packPackage, ROOT, VERSIONS } from '../../scripts/lib/n8n-host';
import {
	credentialsFor,
	outputs,
	readExample,
	readWorkflow,
	task,
	withGrokVersion2,
	type RawRun,
} from './run-data';

const CANARY_KEY = 'xai-e2e-canary-7c41d9';
const FIXTURES = join(ROOT, 'test/e2e/fixtures');

const contents = (items: Array<{ json: Record<string, any> }>) =>
	items.map((item) => item.json.content);
const errorOf = (item: { json: Record<string, any> }) => item.json.error as Record<string, any>;

let tarball: string;
beforeAll(() => {
	tarball = packPackage();
});

describe.each(VERSIONS)('Grok Chat in real n8n $version', (version) => {
	let fake: FakeXai;
	let n8n: N8nHost;
	let main: RawRun;

	beforeAll(async () => {
		fake = await startFakeXai();
		n8n = new N8nHost(version);
		await n8n.install(tarball);
		await n8n.import('credentials', credentialsFor(fake.url));
		for (const name of ['main', 'stop', 'image', 'agent', 'webhook', 'stream']) {
			await n8n.import('workflow', readWorkflow(name, { FIXTURES }));
		}
		await n8n.import('workflow', withGrokVersion2(readWorkflow('agent'), 'grokE2eAgentV2'));
		const stream = readWorkflow('stream');
		await n8n.import('workflow', withGrokVersion2(stream, 'grokE2eStreamV2', 'grok-stream-v2'));
		// The README's stored-conversation example, as shipped, on the fake xAI's credential.
		await n8n.import('workflow', readExample('grok-chat-stored-conversation.json'));
		main = await n8n.execute('grokE2eMain');
	}, 900_000);

	afterAll(async () => {
		await n8n?.stop();
		await fake?.close();
	});

	it('loads the package: the Grok Chat node runs (an unknown node type fails here)', () => {
		expect(main.data.resultData.error).toBeUndefined();
		expect(task(main, 'Grok Basic')).toBeDefined();
		expect(JSON.stringify(main)).not.toMatch(/Unrecognized node type/);
	});

	it('answers one item per input item, in order, as the fake server answered', () => {
		const [success] = outputs(main, 'Grok Basic');
		expect(contents(success)).toEqual([
			'Grok reply to: alpha',
			'Grok reply to: beta',
			'Grok reply to: gamma',
		]);
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const seen = fake
			.chatRequests()
			.map((r) => r.body.messages[0].content)
			.filter((text: string) => ['alpha', 'beta', 'gamma'].includes(text));
		expect(seen).toEqual(['alpha', 'beta', 'gamma']);
		expect(success[0].json).toMatchObject({
			model: 'grok-3',
			finishReason: 'stop',
			usage: expect.any(Object),
		});
	});

	it('routes failures to the error output with status and message, successes to the main output', () => {
		const [success, failed] = outputs(main, 'Grok Error Output');
		expect(task(main, 'Grok Error Output').executionStatus).toBe('success');
		expect(contents(success)).toEqual(['Grok reply to: ok first', 'Grok reply to: ok last']);
		expect(failed.map((item) => [item.pairedItem, errorOf(item).status])).toEqual([
			[{ item: 1 }, 403],
			[{ item: 2 }, 429],
			[{ item: 3 }, 500],
			[{ item: 4 }, 400],
		]);
		expect(errorOf(failed[0]).message).toMatch(/^xAI error 403: Content violates usage guidelines/);
		expect(errorOf(failed[1])).toMatchObject({ retryAfterSeconds: 1 });
		const [, wrongKey] = outputs(main, 'Grok Wrong Key');
		expect(errorOf(wrongKey[0])).toMatchObject({
			status: 400,
			message: expect.stringMatching(/Incorrect API key provided/),
			description: 'Check the API key in the xAI Grok API credential',
		});
	});

	it('keeps failures on the main output as error items with "Continue"', () => {
		const [items] = outputs(main, 'Grok Continue Regular');
		expect(items.map((item) => item.json.content ?? errorOf(item).status)).toEqual([
			'Grok reply to: ok one',
			503,
			'Grok reply to: ok two',
		]);
	});

	it('gives the same output with streaming on and off', () => {
		const strip = (items: Array<{ json: Record<string, any> }>) =>
			items.map(({ json }) => ({ ...json, id: undefined }));
		const [plain] = outputs(main, 'Grok Reasoning Plain');
		const [streamed] = outputs(main, 'Grok Reasoning Streamed');
		expect(strip(streamed)).toEqual(strip(plain));
		expect(streamed[0].json.reasoningContent).toBe(
			'Thinking about "why is the sky blue" step by step.',
		);
		const reasoning = fake.chatRequests().filter((r) => r.body.model === 'grok-3-mini');
		expect(reasoning.filter((r) => r.body.stream === true)).toHaveLength(2);
	});

	it('fails cut-off and stalled replies instead of passing them as successes, and masks an echoed key', () => {
		const [success, failed] = outputs(main, 'Grok Hostile');
		expect(contents(success)).toEqual(['Grok reply to: ok hostile']);
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const [cut, stalled, echoed] = failed.map(errorOf);
		expect(cut.message).toMatch(
			/^xAI stopped after 14 characters: the reply is incomplete \(the connection was lost/,
		);
		expect(cut.rawReply).toBe('The answer is ');
		expect(stalled.message).toBe(
			'xAI stopped after 14 characters: the reply is incomplete (the Timeout of 3 s ran out)',
		);
		expect(echoed.message).toBe('xAI error 401: Rejected Bearer ***');
		// The cut reply was retried once (a lost connection), the stalled one not (a timeout).
		const asked = (text: string) =>
			fake.chatRequests().filter((r) => r.body.messages[0].content === text).length;
		expect([asked('a [cut]'), asked('b [stall]')]).toEqual([2, 1]);
	});

	it('version 2 searches the web and X on the Responses API, with citations and cost, streamed or not', () => {
		const [[plain]] = outputs(main, 'Grok Search Plain');
		const [[streamed]] = outputs(main, 'Grok Search Streamed');
		expect(plain.json.citations).toEqual(
			expect.arrayContaining([expect.objectContaining({ url: 'https://example.com/a' })]),
		);
		expect((plain.json.serverToolCalls as unknown[]).length).toBeGreaterThanOrEqual(2);
		expect(plain.json.costUsd).toEqual(expect.any(Number));
		const strip = ({ json }: { json: Record<string, any> }) => ({
			...json,
			id: undefined,
			responseId: undefined,
		});
		expect(strip(streamed)).toEqual(strip(plain));
		const sent = fake.responsesRequests().map((r) => r.body);
		expect(sent.map((body) => body.tools.map((tool: { type: string }) => tool.type))).toEqual([
			['web_search', 'x_search'],
			['web_search', 'x_search'],
		]);
		expect(sent[0].tools[0].allowed_domains).toEqual(['example.com', 'news.example.org']);
	});

	it("reports the tokens each run took to n8n's token accounting where n8n keeps one (2.x)", () => {
		const grok = task(main, 'Grok Basic');
		const [success] = outputs(main, 'Grok Basic');
		const sum = (key: string) =>
			success.reduce((total, item) => total + (item.json.usage[key] as number), 0);
		if (version.major === 1) {
			expect(grok.metadata?.tokenUsage).toBeUndefined();
		} else {
			expect(grok.metadata?.tokenUsage).toEqual({
				inputTokens: sum('prompt_tokens'),
				outputTokens: sum('completion_tokens'),
			});
		}
	});

	it('never shows the API key in the run data', () => {
		expect(JSON.stringify(main)).not.toContain(CANARY_KEY);
	});

	it('stops the workflow at the first failed item with "Stop workflow"', async () => {
		const run = await n8n.execute('grokE2eStop');
		const grok = task(run, 'Grok Stop');
		expect(grok.executionStatus).toBe('error');
		expect(grok.error).toMatchObject({
			message: 'xAI error 500: The service encountered an internal error.',
		});
		expect(run.data.resultData.error?.message).toBe(
			'xAI error 500: The service encountered an internal error.',
		);
		expect(fake.chatRequests().some((r) => r.body.messages[0].content === 'never sent')).toBe(
			false,
		);
	});

	it('sends an image read from a file as a data URL', async () => {
		const run = await n8n.execute('grokE2eImage');
		expect(contents(outputs(run, 'Grok Vision')[0])).toEqual([
			'Grok reply to: What is in this picture? (saw 1 image)',
		]);
		const sent = fake.chatRequests().find((r) => r.body.model === 'grok-4')!;
		const png = readFileSync(join(FIXTURES, 'red-pixel.png')).toString('base64');
		expect(sent.body.messages[0].content[1]).toEqual({
			type: 'image_url',
			image_url: { url: `data:image/png;base64,${png}`, detail: 'high' },
		});
	});

	it("serves an AI Agent as a tool: the agent's model calls Grok Chat and answers with its reply", async () => {
		const run = await n8n.execute('grokE2eAgent');
		expect(run.data.resultData.error).toBeUndefined();
		const agentRequests = fake.chatRequests().filter((r) => r.body.model === 'grok-4-latest');
		// The tool n8n generated from the node, as the agent's model sees it.
		expect(agentRequests[0].body.tools).toEqual([
			{
				type: 'function',
				function: expect.objectContaining({
					name: 'Grok_Chat',
					description: "Chat with xAI's Grok models: text, images, streaming and structured output",
					parameters: expect.objectContaining({
						type: 'object',
						properties: {
							question: { type: 'string', description: 'The question to put to Grok, in full' },
						},
						required: ['question'],
					}),
				}),
			},
		]);
		// Grok Chat ran once, with the argument the model chose, through its own credential.
		const toolRequests = fake
			.chatRequests()
			.filter(
				(r) => r.body.messages[0].content === 'Ask Grok Chat: what is the capital of France?',
			);
		expect(toolRequests).toHaveLength(1);
		expect(toolRequests[0].body.model).toBe('grok-3');
		const [toolOutput] = outputs(run, 'Grok Chat', 'ai_tool');
		expect(contents(toolOutput)).toEqual([
			'Grok reply to: Ask Grok Chat: what is the capital of France?',
		]);
		// Its reply went back to the model as the tool's result, and into the agent's answer.
		expect(agentRequests).toHaveLength(2);
		expect(agentRequests[1].body.messages.at(-1)).toMatchObject({
			role: 'tool',
			content: expect.stringContaining(
				'Grok reply to: Ask Grok Chat: what is the capital of France?',
			),
		});
		expect(JSON.stringify(run)).not.toContain(CANARY_KEY);
		const [answer] = outputs(run, 'AI Agent');
		expect(answer[0].json.output).toMatch(
			/^Answer from Grok_Chat: .*Grok reply to: Ask Grok Chat: what is the capital of France\?/,
		);
	});

	it('version 2 serves an AI Agent as a tool, searching the web and X for it', async () => {
		const run = await n8n.execute('grokE2eAgentV2');
		expect(run.data.resultData.error).toBeUndefined();
		const toolRequests = fake
			.responsesRequests()
			.filter(
				(r) => r.body?.input?.[0]?.content === 'Ask Grok Chat: what is the capital of France?',
			);
		expect(toolRequests).toHaveLength(1);
		expect(toolRequests[0].body.tools.map((tool: { type: string }) => tool.type)).toEqual([
			'web_search',
			'x_search',
		]);
		const [[toolOutput]] = outputs(run, 'Grok Chat', 'ai_tool');
		expect(toolOutput.json.citations).toEqual(
			expect.arrayContaining([expect.objectContaining({ url: expect.any(String) })]),
		);
		const [answer] = outputs(run, 'AI Agent');
		expect(answer[0].json.output).toMatch(
			/^Answer from Grok_Chat: .*Grok reply to: Ask Grok Chat: what is the capital of France\?/,
		);
		expect(JSON.stringify(run)).not.toContain(CANARY_KEY);
	});

	describe('a running n8n', () => {
		beforeAll(async () => {
			await n8n.activate('grokE2eWebhook');
			await n8n.activate('grokE2eStream');
			await n8n.activate('grokE2eStreamV2');
			await n8n.activate('grokStoredChat01');
			await n8n.start();
			await n8n.setupOwner({
				email: 'e2e@example.com',
				firstName: 'End',
				lastName: 'ToEnd',
				password: 'E2e-password-1',
			});
		}, 300_000);

		/** 2.x may answer 404 for a moment after start while it registers webhooks. */
		async function postUntilRegistered(path: string, body: unknown) {
			for (let attempt = 0; ; attempt++) {
				const response = await fetch(`${n8n.url}${path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
				});
				if (response.status !== 404 || attempt >= 20) return response;
				await new Promise((done) => setTimeout(done, 500));
			}
		}

		it("answers a webhook request with Grok's reply (Respond to Webhook)", async () => {
			const response = await postUntilRegistered('/webhook/grok-e2e', {
				question: 'Is the webhook wired?',
			});
			expect(response.status).toBe(200);
			expect(await response.json()).toEqual({
				answer: 'Grok reply to: Is the webhook wired?',
				model: 'grok-3',
			});
		});

		it('streams the reply to the HTTP client while Grok is still writing it (webhook in streaming mode)', async () => {
			const question = 'Stream this to me please [pace:150]';
			const response = await postUntilRegistered('/webhook/grok-stream', { question });
			expect(response.status).toBe(200);
			const reader = response.body!.getReader();
			const decoder = new TextDecoder();
			let text = '';
			let firstChunkAt = 0;
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				text += decoder.decode(value, { stream: true });
				if (!firstChunkAt && text.includes('"type":"item"')) firstChunkAt = Date.now();
			}
			const chunks = text
				.split('\n')
				.filter((line) => line.trim())
				.map((line) => JSON.parse(line) as { type: string; content?: string });
			const items = chunks.filter((chunk) => chunk.type === 'item');
			expect(items.map((chunk) => chunk.content).join('')).toBe(
				'Grok reply to: Stream this to me please',
			);
			const sent = fake.chatRequests().find((r) => r.body.messages[0].content === question)!;
			expect(sent.body.stream).toBe(true);
			// The client had the first words before the fake xAI had sent its last chunk.
			expect(firstChunkAt).toBeGreaterThan(0);
			expect(firstChunkAt).toBeLessThan(sent.lastChunkAt!);
		});

		it('version 2 streams a searched reply to the HTTP client while Grok is still writing it', async () => {
			const question = 'What is new on X today? [pace:150]';
			const response = await postUntilRegistered('/webhook/grok-stream-v2', { question });
			expect(response.status).toBe(200);
			const reader = response.body!.getReader();
			const decoder = new TextDecoder();
			let body = '';
			let firstChunkAt = 0;
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				body += decoder.decode(value, { stream: true });
				if (!firstChunkAt && body.includes('"type":"item"')) firstChunkAt = Date.now();
			}
			const chunks = body
				.split('\n')
				.filter((line) => line.trim())
				.map((line) => JSON.parse(line) as { type: string; content?: string });
			const text = chunks
				.filter((chunk) => chunk.type === 'item')
				.map((chunk) => chunk.content)
				.join('');
			const sent = fake.responsesRequests().find((r) => r.body.input?.[0]?.content === question)!;
			expect(sent.body.stream).toBe(true);
			expect(sent.body.tools.map((tool: { type: string }) => tool.type)).toEqual([
				'web_search',
				'x_search',
			]);
			expect(text).toMatch(/^Grok reply to: What is new on X today\?/);
			expect(chunks.filter((chunk) => chunk.type === 'item').length).toBeGreaterThan(1);
			expect(chunks.at(-1)?.type).toBe('end');
			// The client had the first words before the fake xAI had sent its last event. The fake
			// notes the stream's end after its pause behind the last event (150 ms), which n8n may
			// answer the client before.
			for (let wait = 0; sent.lastChunkAt === undefined && wait < 50; wait++) {
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
			expect(firstChunkAt).toBeGreaterThan(0);
			expect(firstChunkAt).toBeLessThan(sent.lastChunkAt! - 150);
		});

		it('continues a conversation across webhook calls with the stored-conversation example', async () => {
			const say = async (sessionId: string, message: string) => {
				const response = await postUntilRegistered('/webhook/grok-stored-conversation', {
					sessionId,
					message,
				});
				expect(response.status).toBe(200);
				return (await response.json()) as { reply: string; responseId: string };
			};
			/** n8n saves static data once the run is over, just after the webhook has answered. */
			const remembered = async (sessionId: string, responseId: string) => {
				for (let attempt = 0; attempt < 40; attempt++) {
					const { data } = await n8n.rest('/workflows/grokStoredChat01');
					if (data.staticData?.global?.conversations?.[sessionId] === responseId) return;
					await new Promise((done) => setTimeout(done, 250));
				}
				throw new Error(`n8n did not keep ${sessionId}'s response ${responseId}`);
			};
			const first = await say('ann', 'My name is Ann');
			await remembered('ann', first.responseId);
			const second = await say('ann', 'What is my name?');
			const other = await say('bob', 'Hello');
			const bodies = fake
				.responsesRequests()
				.filter((r) => r.body?.prompt_cache_key)
				.map((r) => r.body);
			expect(bodies.map((b) => [b.prompt_cache_key, b.store, b.previous_response_id])).toEqual([
				['ann', true, undefined],
				['ann', true, first.responseId],
				['bob', true, undefined],
			]);
			expect(second.reply).toContain(`(continuing ${first.responseId}, turn 2)`);
			expect(other.reply).not.toContain('continuing');
			expect(new Set([first.responseId, second.responseId, other.responseId]).size).toBe(3);
		});

		it('tests the credential through n8n, and reports a wrong key', async () => {
			const test = async (id: string, name: string, apiKey: string) =>
				(
					await n8n.rest('/credentials/test', {
						credentials: { id, name, type: 'xAiGrokApi', data: { apiKey, baseUrl: fake.url } },
					})
				).data;
			expect(await test('grokE2eFake', 'xAI (fake server)', CANARY_KEY)).toEqual({
				status: 'OK',
				message: 'Connection successful',
			});
			const wrong = await test('grokE2eBadKey', 'xAI (wrong key)', 'bad-e2e-key-00');
			expect(wrong.status).toBe('Error');
			expect(wrong.message).toMatch(/Incorrect API key provided.*Check the API key/);
			expect(fake.requests.filter((r) => r.path === '/api-key')).toHaveLength(2);
		});

		it('lists the models in the model picker through n8n', async () => {
			const json = await n8n.rest('/dynamic-node-parameters/resource-locator-results', {
				nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
				methodName: 'searchModels',
				path: 'model',
				filter: 'grok-4.20',
				currentNodeParameters: { model: { __rl: true, mode: 'list', value: '' } },
				credentials: { xAiGrokApi: { id: 'grokE2eFake', name: 'xAI (fake server)' } },
			});
			expect(json.data.results).toEqual([
				{
					name: 'grok-4.20-0309-non-reasoning (text + image)',
					value: 'grok-4.20-0309-non-reasoning',
				},
				{
					name: 'grok-4.20-0309-reasoning (text + image, reasoning)',
					value: 'grok-4.20-0309-reasoning',
				},
			]);
		});

		it('keeps the API key out of the server log', () => {
			expect(n8n.log).not.toContain(CANARY_KEY);
		});
	});
});
