/**
 * Grok Chat as an AI Agent's tool: the tool n8n builds from the node (name, description, schema
 * from `$fromAI`), invoked the way n8n invokes it, with the model's arguments as the input item.
 * test/e2e proves the same with a real AI Agent in real n8n.
 */
import { createNodeAsTool } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';
import type { IDataObject } from 'n8n-workflow';

import { GrokChat } from '../../../nodes/GrokChat/GrokChat.node';
import { startFakeXai, type FakeXai } from '../../fake-xai/server';
import { chatParameters, grokChatNode, runGrokChat } from '../../helpers/run-node';

let fake: FakeXai;
beforeAll(async () => {
	fake = await startFakeXai();
});
afterAll(async () => await fake.close());
beforeEach(() => fake.reset());

const parameters = chatParameters(
	"={{ $fromAI('question', 'The question to put to Grok, in full', 'string') }}",
	{ options: { temperature: 0.2 } },
);

/** What an agent sees of a tool (langchain's own types are too deep for the compiler here). */
interface Tool {
	name: string;
	description: string;
	schema: {
		shape: Record<string, unknown>;
		safeParse(value: unknown): { success: boolean };
	};
	invoke(args: IDataObject): Promise<unknown>;
}

function grokTool(toolParameters: IDataObject = parameters): Tool {
	return createNodeAsTool({
		node: grokChatNode(toolParameters),
		nodeType: new GrokChat(),
		// As n8n does: the model's arguments become the input item the node runs on.
		handleToolInvocation: async (args) => {
			const run = await runGrokChat({
				parameters: toolParameters,
				items: [{ json: args }],
				credentials: { apiKey: 'xai-tool-test', baseUrl: fake.url },
			});
			return JSON.stringify(run.success.map((item) => item.json));
		},
	}).response as unknown as Tool;
}

describe('Grok Chat as an AI Agent tool', () => {
	it('is described to the model by its name, its description and the $fromAI arguments', () => {
		const tool = grokTool();
		expect(tool.name).toBe('Grok_Chat');
		expect(tool.description).toBe(
			"Chat with xAI's Grok models: text, images, streaming and structured output",
		);
		expect(Object.keys(tool.schema.shape)).toEqual(['question']);
		expect(tool.schema.safeParse({}).success).toBe(false);
		expect(tool.schema.safeParse({ question: 'Why?' }).success).toBe(true);
	});

	it("asks xAI the model's question and returns Grok's reply as the tool result", async () => {
		const result = await grokTool().invoke({ question: 'What is the capital of France?' });
		expect(JSON.parse(result as string)).toEqual([
			expect.objectContaining({
				content: 'Grok reply to: What is the capital of France?',
				finishReason: 'stop',
			}),
		]);
		expect(fake.chatRequests().map((r) => r.body)).toEqual([
			expect.objectContaining({
				model: 'grok-3',
				temperature: 0.2,
				messages: [{ role: 'user', content: 'What is the capital of France?' }],
			}),
		]);
	});
});
