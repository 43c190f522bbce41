import { CompletionAssembler } from '../../../../nodes/GrokChat/common/chatCompletions/endpoint';
import { toOutputJson } from '../../../../nodes/GrokChat/common/chatCompletions/output';
import { InvalidReplyError, XaiRequestError } from '../../../../nodes/shared/errors';
import { compileSchema } from '../../../../nodes/shared/jsonSchema';
import { rejectionOf } from '../../../helpers/rejection';

const chunk = (choices: unknown[], extra: object = {}) => ({
	id: 'c1',
	object: 'chat.completion.chunk',
	created: 1,
	model: 'grok-3-mini',
	choices,
	...extra,
});
const add = (assembler: CompletionAssembler, data: object) => assembler.add({ data });

describe('CompletionAssembler', () => {
	it('concatenates every content and reasoning fragment and keeps the usage chunk', () => {
		const assembler = new CompletionAssembler();
		add(
			assembler,
			chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
		);
		for (const piece of ['Let', ' me', ' think']) {
			add(
				assembler,
				chunk([{ index: 0, delta: { reasoning_content: piece }, finish_reason: null }]),
			);
		}
		for (const piece of ['Hel', 'lo', '!']) {
			add(assembler, chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]));
		}
		add(assembler, chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
		add(
			assembler,
			chunk([], { usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }),
		);
		expect(assembler.result()).toEqual({
			id: 'c1',
			object: 'chat.completion',
			created: 1,
			model: 'grok-3-mini',
			choices: [
				{
					index: 0,
					message: { role: 'assistant', content: 'Hello!', reasoning_content: 'Let me think' },
					finish_reason: 'stop',
				},
			],
			usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
		});
	});

	it('fails when the stream ended before any chunk', () => {
		expect(() => new CompletionAssembler().result()).toThrow(XaiRequestError);
	});
});

const completion = (content: string) => ({
	id: 'c1',
	object: 'chat.completion',
	created: 1,
	model: 'grok-4',
	choices: [
		{
			index: 0,
			message: { role: 'assistant', content, reasoning_content: 'hmm' },
			finish_reason: 'stop',
		},
	],
	usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});

describe('toOutputJson', () => {
	it('simplifies to content, reasoning, finish reason, model, usage and ID', () => {
		expect(toOutputJson(completion('Hi'), true, {})).toEqual({
			content: 'Hi',
			reasoningContent: 'hmm',
			finishReason: 'stop',
			model: 'grok-4',
			usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
			id: 'c1',
		});
	});

	it('leaves the reasoning out when asked to', () => {
		expect(toOutputJson(completion('Hi'), true, { includeReasoning: false })).not.toHaveProperty(
			'reasoningContent',
		);
	});

	it('returns the API response unchanged when not simplified', () => {
		const raw = completion('Hi');
		expect(toOutputJson(raw, false, {})).toEqual(raw);
	});

	it('parses JSON replies and rejects one that does not parse, keeping the raw text', () => {
		expect(
			toOutputJson(completion('{"a":1}'), true, { responseFormat: 'json_object' }).content,
		).toEqual({ a: 1 });
		const error = rejectionOf(
			() => toOutputJson(completion('not json'), true, { responseFormat: 'json_schema' }),
			InvalidReplyError,
		);
		expect(error.rawText).toBe('not json');
	});
});

describe('structured replies', () => {
	const schema = {
		type: 'object',
		properties: {
			name: { type: 'string' },
			age: { type: 'integer' },
			tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
		},
		required: ['name', 'age'],
		additionalProperties: false,
	};
	const parse = (content: string) =>
		toOutputJson(completion(content), true, {
			responseFormat: 'json_schema',
			check: compileSchema(schema, 'JSON Schema'),
		}).content;

	it('returns a reply that follows the schema, parsed', () => {
		expect(parse('{"name":"Ann","age":3,"tags":["a"]}')).toEqual({
			name: 'Ann',
			age: 3,
			tags: ['a'],
		});
	});

	it.each([
		['{"name":"Ann"}', '$.age is missing'],
		['{"name":"Ann","age":3.5}', '$.age should be integer, not number 3.5'],
		['{"name":"Ann","age":3,"extra":1}', '$.extra is not allowed'],
		['{"name":"Ann","age":3,"tags":["c"]}', '$.tags[0] should be one of ["a","b"]'],
		['[1]', '$ should be object, not an array'],
	])('rejects %s, keeping the raw text', (content, mismatch) => {
		const error = rejectionOf(() => parse(content), InvalidReplyError);
		expect(error.message).toBe(`The reply does not match the JSON Schema: ${mismatch}`);
		expect(error.rawText).toBe(content);
	});
});
