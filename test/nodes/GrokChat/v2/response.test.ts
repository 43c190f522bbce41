import type { IDataObject } from 'n8n-workflow';

import { toOutputJson } from '../../../../nodes/GrokChat/v2/output';
import { InvalidReplyError, XaiRequestError } from '../../../../nodes/shared/errors';
import { compileSchema } from '../../../../nodes/shared/jsonSchema';
import { citationsOf } from '../../../../nodes/shared/xai/responses/citations';
import {
	checkResponse,
	ResponseAssembler,
	responsesEndpoint,
} from '../../../../nodes/shared/xai/responses/endpoint';
import { finishReason } from '../../../../nodes/shared/xai/responses/reply';
import { serverToolCallsOf } from '../../../../nodes/shared/xai/responses/serverToolCalls';
import type { XaiResponse } from '../../../../nodes/shared/xai/responses/types';

const citation = (url: string, title?: string) => ({
	type: 'url_citation',
	url,
	start_index: 0,
	end_index: 0,
	...(title !== undefined && { title }),
});

function response(
	extra: Partial<XaiResponse> = {},
	text = 'Hello',
	annotations: IDataObject[] = [],
) {
	return {
		id: 'resp-1',
		object: 'response',
		model: 'grok-4',
		status: 'completed',
		incomplete_details: null,
		output: [
			{
				type: 'reasoning',
				id: 'rs_1',
				summary: [{ type: 'summary_text', text: 'Thinking.' }],
				status: 'completed',
			},
			{
				type: 'message',
				id: 'msg_1',
				role: 'assistant',
				status: 'completed',
				content: [{ type: 'output_text', text, logprobs: [], annotations }],
			},
		],
		usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5, cost_in_usd_ticks: 50_012_000 },
		...extra,
	} as XaiResponse;
}

function errorOf(run: () => unknown): Error {
	try {
		run();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected an error');
}

describe('toOutputJson', () => {
	it('gives the reply, reasoning, finish reason, model, usage, cost, IDs, citations and tool calls', () => {
		expect(toOutputJson(response(), true, {})).toEqual({
			content: 'Hello',
			reasoningContent: 'Thinking.',
			finishReason: 'stop',
			model: 'grok-4',
			usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5, cost_in_usd_ticks: 50_012_000 },
			costUsd: 0.0050012,
			id: 'resp-1',
			responseId: 'resp-1',
			citations: [],
			serverToolCalls: [],
		});
	});

	it('leaves the reasoning out when asked to, and returns the response as it is unsimplified', () => {
		expect(toOutputJson(response(), true, { includeReasoning: false })).not.toHaveProperty(
			'reasoningContent',
		);
		const whole = response();
		expect(toOutputJson(whole, false, {})).toBe(whole);
	});

	it('parses JSON replies and checks them against the schema', () => {
		const schema = compileSchema(
			{ type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] },
			'Options › JSON Schema',
		);
		const json = response({}, '{"answer":"yes"}');
		expect(
			toOutputJson(json, true, { responseFormat: 'json_schema', check: schema }).content,
		).toEqual({ answer: 'yes' });
		const wrong = errorOf(() =>
			toOutputJson(response({}, '{"other":1}'), true, {
				responseFormat: 'json_schema',
				check: schema,
			}),
		);
		expect(wrong).toBeInstanceOf(InvalidReplyError);
		expect(wrong.message).toBe('The reply does not match the JSON Schema: $.answer is missing');
	});

	it('maps the status to a finish reason', () => {
		expect(finishReason(response())).toBe('stop');
		const incomplete = (reason: string) =>
			response({ status: 'incomplete', incomplete_details: { reason } });
		expect(finishReason(incomplete('max_output_tokens'))).toBe('length');
		expect(finishReason(incomplete('content_filter'))).toBe('content_filter');
		expect(finishReason(response({ status: 'cancelled' }))).toBe('cancelled');
	});
});

describe('citationsOf', () => {
	it('lists cited URLs in order, once each, without titles that are the URL or a number', () => {
		const cited = response({}, 'Text', [
			citation('https://example.com/a', '1'),
			citation('https://news.example.org/b', 'https://news.example.org/b'),
			citation('https://example.com/a', 'Example A'),
			citation('https://x.com/i/status/1', 'A post'),
			{ type: 'file_citation', file_id: 'f' },
		]);
		expect(citationsOf(cited)).toEqual([
			{ url: 'https://example.com/a', title: 'Example A' },
			{ url: 'https://news.example.org/b' },
			{ url: 'https://x.com/i/status/1', title: 'A post' },
		]);
	});
});

describe('serverToolCallsOf', () => {
	it('tells which tools ran and with what, in both of xAI shapes', () => {
		const output = [
			{
				type: 'web_search_call',
				id: 'ws_1',
				status: 'completed',
				action: { type: 'search', query: 'n8n news', sources: [] },
			},
			{
				type: 'custom_tool_call',
				id: 'ctc_1',
				call_id: 'xs_call_1',
				name: 'x_keyword_search',
				input: '{"query":"grok","limit":10}',
				status: 'completed',
			},
			{
				type: 'code_interpreter_call',
				name: 'code_execution',
				arguments: '{"code":"print(1)"}',
				status: 'completed',
			},
			{
				type: 'web_search_call',
				name: 'web_search',
				arguments: '{"query":"old"}',
				status: 'completed',
			},
			{ type: 'custom_tool_call', name: 'my_tool', input: '{}', status: 'completed' },
			{ type: 'message', role: 'assistant', content: [] },
		];
		expect(serverToolCallsOf(response({ output }))).toEqual([
			{ type: 'web_search', query: 'n8n news', status: 'completed' },
			{
				type: 'x_search',
				name: 'x_keyword_search',
				query: 'grok',
				arguments: { query: 'grok', limit: 10 },
				status: 'completed',
			},
			{
				type: 'code_interpreter',
				name: 'code_execution',
				arguments: { code: 'print(1)' },
				status: 'completed',
			},
			{
				type: 'web_search',
				name: 'web_search',
				query: 'old',
				arguments: { query: 'old' },
				status: 'completed',
			},
		]);
	});
});

describe('checkResponse', () => {
	it('refuses what is not a response', () => {
		const error = errorOf(() => checkResponse({ choices: [] }));
		expect(error).toBeInstanceOf(InvalidReplyError);
		expect(error.message).toBe('xAI answered with something that is not a response');
		expect((error as InvalidReplyError).rawText).toBe('{"choices":[]}');
	});

	it("turns xAI's error body and a failed response into xAI's error", () => {
		const timeout = errorOf(() =>
			checkResponse({ code: 'unavailable', error: 'Timed out waiting for first token' }),
		);
		expect(timeout).toBeInstanceOf(XaiRequestError);
		expect(timeout.message).toBe(
			'xAI reported an error during the reply: Timed out waiting for first token',
		);
		const failed = errorOf(() =>
			checkResponse(response({ status: 'failed', error: { code: 'x', message: 'Model crashed' } })),
		);
		expect(failed.message).toBe('xAI reported an error during the reply: Model crashed');
	});

	it('keeps an incomplete response with text, refuses one without', () => {
		const incomplete = {
			status: 'incomplete',
			incomplete_details: { reason: 'max_output_tokens' },
		};
		expect(checkResponse(response(incomplete, 'Half a')).status).toBe('incomplete');
		expect(errorOf(() => checkResponse(response(incomplete, ''))).message).toMatch(
			/^xAI stopped before writing any reply \(max_output_tokens\)/,
		);
	});
});

describe('ResponseAssembler', () => {
	const event = (type: string, fields: IDataObject = {}) => ({
		event: type,
		data: { type, sequence_number: 0, ...fields },
	});

	it('returns the text deltas and results in the final response', () => {
		const assembler = new ResponseAssembler();
		const final = response({}, 'Hello there');
		const texts = [
			event('response.created', { response: { ...final, output: [], status: 'in_progress' } }),
			event('response.output_text.delta', { delta: 'Hello' }),
			event('response.output_text.delta', { delta: ' there' }),
			event('response.output_text.done', { text: 'Hello there' }),
			event('response.completed', { response: final }),
		].map((e) => assembler.add(e));
		expect(texts).toEqual([undefined, 'Hello', ' there', undefined, undefined]);
		expect(assembler.text).toBe('Hello there');
		expect(assembler.result()).toEqual(final);
	});

	it('reads the type from the data when the stream has no event lines', () => {
		const assembler = new ResponseAssembler();
		expect(assembler.add({ data: { type: 'response.output_text.delta', delta: 'Hi' } })).toBe('Hi');
	});

	it('refuses a stream that ended before xAI finished, with what had arrived', () => {
		const assembler = new ResponseAssembler();
		assembler.add(event('response.output_text.delta', { delta: 'Hel' }));
		const error = errorOf(() => assembler.result()) as XaiRequestError;
		expect(error).toBeInstanceOf(XaiRequestError);
		expect(error.kind).toBe('connection');
		expect(error.message).toBe(
			'xAI stopped after 3 characters: the reply is incomplete (the stream ended before xAI finished it)',
		);
		expect(error.partialText).toBe('Hel');
		expect(errorOf(() => new ResponseAssembler().result()).message).toBe(
			'xAI closed the stream without sending a reply',
		);
	});

	it('turns response.failed and error events into xAI errors', () => {
		const assembler = new ResponseAssembler();
		assembler.add(event('response.output_text.delta', { delta: 'Hi' }));
		const failed = errorOf(() =>
			assembler.add(
				event('response.failed', {
					response: { status: 'failed', error: { message: 'Overloaded' } },
				}),
			),
		) as XaiRequestError;
		expect(failed.message).toBe('xAI reported an error during the reply: Overloaded');
		expect(failed.partialText).toBe('Hi');
		expect(
			errorOf(() => new ResponseAssembler().add(event('error', { message: 'Busy' }))).message,
		).toBe('xAI reported an error during the reply: Busy');
	});

	it('asks for the stream only when streaming', () => {
		const endpoint = responsesEndpoint({ model: 'grok-4', input: [], store: false });
		expect(endpoint.path).toBe('/responses');
		expect(endpoint.body(true)).toEqual({ model: 'grok-4', input: [], store: false, stream: true });
		expect(endpoint.body(false)).toMatchObject({ stream: false });
	});
});
