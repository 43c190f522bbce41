/**
 * Grok Chat Model's model class against the fake xAI on 127.0.0.1: a tool-using answer in two
 * requests, the same streamed (function-call argument deltas included), and xAI's errors.
 */
import type { Message, StreamChunk } from '@n8n/ai-node-sdk';
import type { INode } from 'n8n-workflow';

import { GrokChatModel } from '../../../nodes/GrokChatModel/model';
import { ModelStreamAssembler } from '../../../nodes/GrokChatModel/stream';
import { modelSettings } from '../../../nodes/GrokChatModel/request';
import type { ModelParameters } from '../../../nodes/GrokChatModel/request';
import { XaiSession } from '../../../nodes/shared/session';
import { useFakeXai } from '../../helpers/fake-xai';

const fake = useFakeXai();
const KEY = 'xai-model-test-key';
const node = { name: 'Grok Chat Model', type: 'n8n-nodes-xai-grok.lmChatGrok' } as INode;
const calculator = {
	type: 'function' as const,
	name: 'calculator',
	description: 'Calculates',
	inputSchema: { type: 'object' as const, properties: { input: { type: 'string' as const } } },
};

function modelWith(parameters: Partial<ModelParameters> = {}) {
	const session = new XaiSession({ apiKey: KEY, baseUrl: fake().url }, { concurrency: 2 });
	const settings = modelSettings({ model: 'grok-4', options: {}, ...parameters });
	return new GrokChatModel(session, settings, node).withTools([calculator]);
}

const ask = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });

/** The agent's part: run the tool calls of `reply` (as a calculator) and answer with the results. */
function runTools(reply: Message): Message[] {
	const results = reply.content.flatMap((part) =>
		part.type === 'tool-call'
			? [
					{
						type: 'tool-result' as const,
						toolCallId: part.toolCallId!,
						result: String(eval(JSON.parse(part.input).input)),
					},
				]
			: [],
	);
	return [reply, { role: 'tool', content: results }];
}

async function collect(stream: AsyncIterable<StreamChunk>) {
	const chunks: StreamChunk[] = [];
	for await (const chunk of stream) chunks.push(chunk);
	return chunks;
}

describe('Grok Chat Model against the fake xAI', () => {
	it('answers with the tool result after two requests, the output sent back under the same call_id', async () => {
		const model = modelWith();
		const question = ask('What is 6 * 7?');
		const first = await model.generate([question]);
		expect(first.finishReason).toBe('tool-calls');
		const [call] = first.message.content;
		expect(call).toMatchObject({
			type: 'tool-call',
			toolName: 'calculator',
			input: '{"input":"6 * 7"}',
		});
		const final = await model.generate([question, ...runTools(first.message)]);
		expect(final.message.content).toEqual([{ type: 'text', text: 'Answer from calculator: 42' }]);
		expect(final.usage).toMatchObject({ promptTokens: expect.any(Number), completionTokens: 4 });
		const bodies = fake()
			.responsesRequests()
			.map((r) => r.body);
		expect(bodies[0].tools).toEqual([
			{
				type: 'function',
				name: 'calculator',
				description: 'Calculates',
				parameters: calculator.inputSchema,
			},
		]);
		expect(bodies[1].input.slice(1)).toEqual([
			{
				type: 'function_call',
				call_id: (call as { toolCallId: string }).toolCallId,
				name: 'calculator',
				arguments: '{"input":"6 * 7"}',
			},
			{
				type: 'function_call_output',
				call_id: (call as { toolCallId: string }).toolCallId,
				output: '42',
			},
		]);
	});

	it('calls tools several times before answering (multi-step)', async () => {
		const model = modelWith();
		let messages: Message[] = [ask('What is 6 * 7 and 10 / 4?')];
		for (let step = 0; step < 3; step++) {
			const { message, finishReason } = await model.generate(messages);
			if (finishReason !== 'tool-calls') {
				expect(message.content).toEqual([
					{ type: 'text', text: 'Answer from calculator: 42; calculator: 2.5' },
				]);
				expect(step).toBe(2);
				return;
			}
			messages = [...messages, ...runTools(message)];
		}
		throw new Error('no answer after three steps');
	});

	it('streams text and tool calls, arguments as they arrive, then the sources and the usage', async () => {
		const model = modelWith({ builtInTools: { webSearch: {} } });
		const question = ask('What is 6 * 7?');
		const calls = await collect(model.stream([question]));
		const deltas = calls.filter((chunk) => chunk.type === 'tool-call-delta');
		expect(deltas.length).toBeGreaterThan(2);
		expect(deltas.map((chunk) => chunk.argumentsDelta).join('')).toBe('{"input":"6 * 7"}');
		expect(new Set(deltas.map((chunk) => `${chunk.id} ${chunk.name}`)).size).toBe(1);
		expect(calls.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });

		const reply: Message = {
			role: 'assistant',
			content: [
				{
					type: 'tool-call',
					toolCallId: deltas[0].id,
					toolName: 'calculator',
					input: '{"input":"6 * 7"}',
				},
			],
		};
		const answer = await collect(model.stream([question, ...runTools(reply)]));
		const text = answer
			.flatMap((chunk) => (chunk.type === 'text-delta' ? [chunk.delta] : []))
			.join('');
		expect(text).toBe(
			'Answer from calculator: 42 [[1]](https://example.com/a) [[2]](https://news.example.org/b) [[1]](https://example.com/a)' +
				'\n\nSources:\n1. https://example.com/a\n2. https://news.example.org/b',
		);
		expect(answer.filter((chunk) => chunk.type === 'text-delta').length).toBeGreaterThan(3);
		expect(answer.at(-1)).toMatchObject({
			type: 'finish',
			finishReason: 'stop',
			usage: { completionTokens: expect.any(Number) },
		});
		expect(
			fake()
				.responsesRequests()
				.map((r) => r.body.stream),
		).toEqual([true, true]);
	});

	it("fails with xAI's status and message, redacted, both ways", async () => {
		const model = modelWith();
		const refused = ask('Say something [fail:403-policy]');
		await expect(model.generate([refused])).rejects.toMatchObject({
			message: expect.stringMatching(/^xAI error 403: Content violates usage guidelines/),
			httpCode: '403',
		});
		await expect(collect(model.stream([refused]))).rejects.toMatchObject({
			message: expect.stringMatching(/^xAI error 403: /),
		});
		const echoed = await model.generate([ask('x [echo-key]')]).catch((error: Error) => error);
		expect(String((echoed as Error).message)).not.toContain(KEY);
	});

	it('retries a 429 after Retry-After within Max Retries', async () => {
		const model = modelWith({ options: { maxRetries: 1 } });
		const result = await model.generate([ask('Hello [fail:429:once]')]);
		expect(result.message.content).toMatchObject([
			{ type: 'tool-call', input: '{"input":"Hello"}' },
		]);
		expect(fake().responsesRequests()).toHaveLength(2);
	});
});

describe('the stream parser', () => {
	const parse = (events: Array<[string, object]>) => {
		const chunks: StreamChunk[] = [];
		const assembler = new ModelStreamAssembler((chunk) => chunks.push(chunk));
		for (const [event, data] of events) assembler.add({ event, data: { type: event, ...data } });
		return chunks;
	};

	it('forwards a call announced empty, then its argument deltas, and nothing twice at done', () => {
		const item = { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'calculator' };
		const chunks = parse([
			['response.output_item.added', { output_index: 0, item: { ...item, arguments: '' } }],
			[
				'response.function_call_arguments.delta',
				{ output_index: 0, item_id: 'fc_1', delta: '{"inp' },
			],
			[
				'response.function_call_arguments.delta',
				{ output_index: 0, item_id: 'fc_1', delta: 'ut":"1+1"}' },
			],
			['response.function_call_arguments.done', { output_index: 0, arguments: '{"input":"1+1"}' }],
			[
				'response.output_item.done',
				{ output_index: 0, item: { ...item, arguments: '{"input":"1+1"}' } },
			],
		]);
		expect(chunks).toEqual([
			{ type: 'tool-call-delta', id: 'call_1', name: 'calculator', argumentsDelta: '' },
			{ type: 'tool-call-delta', id: 'call_1', name: 'calculator', argumentsDelta: '{"inp' },
			{ type: 'tool-call-delta', id: 'call_1', name: 'calculator', argumentsDelta: 'ut":"1+1"}' },
		]);
	});

	it('forwards a call that comes whole (no deltas) and keeps parallel calls apart', () => {
		const call = (index: number) => ({
			output_index: index,
			item: {
				type: 'function_call',
				call_id: `c${index}`,
				name: 'calculator',
				arguments: `{"input":"${index}"}`,
			},
		});
		const chunks = parse([
			['response.output_item.done', call(0)],
			['response.output_item.added', call(1)],
			['response.output_text.delta', { delta: 'Thinking' }],
			['response.reasoning_summary_text.delta', { delta: 'Hmm' }],
		]);
		expect(chunks).toEqual([
			{ type: 'tool-call-delta', id: 'c0', name: 'calculator', argumentsDelta: '{"input":"0"}' },
			{ type: 'tool-call-delta', id: 'c1', name: 'calculator', argumentsDelta: '{"input":"1"}' },
			{ type: 'text-delta', delta: 'Thinking' },
			{ type: 'reasoning-delta', delta: 'Hmm' },
		]);
	});
});
