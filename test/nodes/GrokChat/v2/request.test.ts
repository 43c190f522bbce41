import type { ResponsesParameters } from '../../../../nodes/GrokChat/v2/request';
import { buildResponsesRequest } from '../../../../nodes/GrokChat/v2/request';
import { binaryPropertiesOf } from '../../../../nodes/GrokChat/common/messageSource';
import { InvalidParameterError } from '../../../../nodes/shared/errors';

const define = (
	messages: ResponsesParameters['messages'],
	options: ResponsesParameters['options'] = {},
	builtInTools: ResponsesParameters['builtInTools'] = {},
): ResponsesParameters => ({
	model: 'grok-4',
	messagesSource: 'define',
	messages,
	builtInTools,
	options,
});
const ask = (options: ResponsesParameters['options'] = {}) =>
	define([{ role: 'user', content: 'Hi' }], options);
const withTools = (builtInTools: ResponsesParameters['builtInTools']) =>
	define([{ role: 'user', content: 'Hi' }], {}, builtInTools);
const fromJson = (messagesJson: unknown): ResponsesParameters => ({
	model: 'grok-4',
	messagesSource: 'json',
	messages: [],
	messagesJson,
	options: {},
});
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(8, 1)]);

/** The error building throws, checked to be an InvalidParameterError; its message names the field. */
function failure(parameters: ResponsesParameters): string {
	try {
		buildResponsesRequest(parameters);
	} catch (error) {
		expect(error).toBeInstanceOf(InvalidParameterError);
		return (error as Error).message;
	}
	throw new Error('expected an InvalidParameterError');
}

describe('buildResponsesRequest: messages', () => {
	it('sends the model, the input and store: false when nothing else is set', () => {
		expect(buildResponsesRequest(ask())).toEqual({
			model: 'grok-4',
			input: [{ role: 'user', content: 'Hi' }],
			store: false,
		});
	});

	it('keeps the developer role, which the Responses API has', () => {
		const { input } = buildResponsesRequest(
			define([
				{ role: 'system', content: 'Answer in French' },
				{ role: 'developer', content: 'Be brief' },
				{ role: 'user', content: 'Hi' },
				{ role: 'assistant', content: 'Salut' },
			]),
		);
		expect(input.map((m) => m.role)).toEqual(['system', 'developer', 'user', 'assistant']);
	});

	it('sends images as input_image parts with their detail, binary ones as data URLs', () => {
		const parameters = define([
			{
				role: 'user',
				content: 'What is this?',
				imageUrls: 'https://example.com/a.png',
				binaryProperties: 'photo',
				imageDetail: 'high',
			},
		]);
		expect(binaryPropertiesOf(parameters)).toEqual(['photo']);
		const { input } = buildResponsesRequest(
			parameters,
			new Map([['photo', { mimeType: 'image/png', data: PNG }]]),
		);
		expect(input[0].content).toEqual([
			{ type: 'input_text', text: 'What is this?' },
			{ type: 'input_image', image_url: 'https://example.com/a.png', detail: 'high' },
			{
				type: 'input_image',
				image_url: `data:image/png;base64,${PNG.toString('base64')}`,
				detail: 'high',
			},
		]);
	});

	it('refuses a name on a message that is not a user message', () => {
		expect(failure(define([{ role: 'system', content: 'Hi', name: 'ann' }]))).toMatch(
			/^Message 0 › Name: xAI accepts a name on user messages only/,
		);
	});

	it('names the field of bad messages', () => {
		expect(failure(define([{ role: 'tool', content: 'x' }]))).toBe(
			'Message 0 › Role: "tool" is not one of system, developer, user, assistant',
		);
		expect(failure(define([{ role: 'user', content: ' ' }]))).toBe(
			'Message 0 › Text: enter the text of the message',
		);
		expect(
			failure(define([{ role: 'system', content: 'x', imageUrls: 'https://e.com/a.png' }])),
		).toBe('Message 0 › Image URLs: images can be sent in user messages only');
		expect(
			failure(define([{ role: 'user', content: 'x', imageUrls: 'http://e.com/a.png' }])),
		).toMatch(/^Message 0 › Image URLs: "http:\/\/e.com\/a.png" is not an https URL/);
		expect(failure(define([]))).toBe('Messages: add at least one message');
		expect(failure({ ...ask(), model: ' ' })).toBe('Model: choose a model or enter its ID');
	});

	it('takes chat-completions and Responses messages as JSON', () => {
		const { input } = buildResponsesRequest(
			fromJson(
				JSON.stringify([
					{ role: 'developer', content: 'Be brief' },
					{
						role: 'user',
						content: [
							{ type: 'text', text: 'Look' },
							{ type: 'image_url', image_url: { url: 'https://e.com/a.png', detail: 'low' } },
							{ type: 'input_image', image_url: 'https://e.com/b.png' },
						],
					},
					{ role: 'assistant', content: [{ type: 'text', text: 'A cat' }] },
				]),
			),
		);
		expect(input).toEqual([
			{ role: 'developer', content: 'Be brief' },
			{
				role: 'user',
				content: [
					{ type: 'input_text', text: 'Look' },
					{ type: 'input_image', image_url: 'https://e.com/a.png', detail: 'low' },
					{ type: 'input_image', image_url: 'https://e.com/b.png' },
				],
			},
			{ role: 'assistant', content: [{ type: 'output_text', text: 'A cat' }] },
		]);
	});

	it('names the field of bad JSON messages', () => {
		expect(failure(fromJson('[oops'))).toBe('Messages (JSON): is not valid JSON');
		expect(failure(fromJson({ role: 'user' }))).toMatch(/^Messages \(JSON\): must be an array/);
		expect(failure(fromJson([{ role: 'assistant', content: 'Hi', name: 'ann' }]))).toMatch(
			/^Messages \(JSON\) › \[0\]\.name: xAI accepts a name on user messages only/,
		);
		expect(failure(fromJson([{ role: 'tool', tool_call_id: 'c', content: 'x' }]))).toMatch(
			/^Messages \(JSON\) › \[0\]\.role: tool calls and tool results cannot be sent/,
		);
		expect(
			failure(fromJson([{ role: 'user', content: [{ type: 'input_image', image_url: 'x' }] }])),
		).toMatch(/^Messages \(JSON\) › \[0\]\.content\[0\]\.image_url: "x" is not an https URL/);
		expect(failure(fromJson([{ role: 'user', content: [{ type: 'audio', text: 'x' }] }]))).toMatch(
			/^Messages \(JSON\) › \[0\]\.content\[0\]\.type: "audio" is not/,
		);
	});
});

describe('buildResponsesRequest: options', () => {
	it('maps every option to its Responses field', () => {
		const request = buildResponsesRequest(
			ask({
				maxTokens: 300,
				temperature: 0.2,
				topP: 0.9,
				reasoningEffort: 'xhigh',
				responseFormat: 'json_object',
				user: 'u-1',
				serviceTier: 'priority',
				conversationId: 'conv-7',
				store: true,
				previousResponseId: ' resp-1 ',
				stream: true,
				timeout: 5000,
				maxRetries: 1,
				includeReasoning: false,
			}),
		);
		expect(request).toEqual({
			model: 'grok-4',
			input: [{ role: 'user', content: 'Hi' }],
			max_output_tokens: 300,
			temperature: 0.2,
			top_p: 0.9,
			reasoning: { effort: 'xhigh' },
			text: { format: { type: 'json_object' } },
			user: 'u-1',
			service_tier: 'priority',
			prompt_cache_key: 'conv-7',
			previous_response_id: 'resp-1',
			store: true,
		});
	});

	it('sends a JSON Schema as a strict json_schema text format', () => {
		const schema = { type: 'object', properties: { answer: { type: 'string' } } };
		expect(
			buildResponsesRequest(
				ask({ responseFormat: 'json_schema', jsonSchema: JSON.stringify(schema) }),
			).text,
		).toEqual({ format: { type: 'json_schema', name: 'response', schema, strict: true } });
		expect(buildResponsesRequest(ask({ responseFormat: 'text' })).text).toEqual({
			format: { type: 'text' },
		});
	});

	it('names the option of every bad value', () => {
		expect(failure(ask({ maxTokens: 0 }))).toBe(
			'Options › Maximum Number of Tokens: 0 is not a whole number of at least 1',
		);
		expect(failure(ask({ temperature: 3 }))).toBe(
			'Options › Sampling Temperature: 3 is not a number from 0 to 2',
		);
		expect(failure(ask({ topP: -1 }))).toBe('Options › Top P: -1 is not a number from 0 to 1');
		expect(failure(ask({ reasoningEffort: 'max' }))).toBe(
			'Options › Reasoning Effort: "max" is not one of none, low, medium, high, xhigh',
		);
		expect(failure(ask({ serviceTier: 'flex' }))).toBe(
			'Options › Service Tier: "flex" is not one of default, priority',
		);
		expect(failure(ask({ store: 'yes' as unknown as boolean }))).toBe(
			'Options › Store Response: must be true or false, not "yes"',
		);
		expect(failure(ask({ responseFormat: 'json_schema', jsonSchema: '{' }))).toBe(
			'Options › JSON Schema: is not valid JSON',
		);
		expect(failure(ask({ previousResponseId: 5 as unknown as string }))).toMatch(
			/^Options › Previous Response ID: must be text/,
		);
	});
});

describe('buildResponsesRequest: built-in tools', () => {
	it('turns an empty entry into the tool with xAI defaults', () => {
		expect(
			buildResponsesRequest(withTools({ webSearch: {}, xSearch: {}, codeExecution: true })).tools,
		).toEqual([{ type: 'web_search' }, { type: 'x_search' }, { type: 'code_interpreter' }]);
		expect(buildResponsesRequest(withTools({ codeExecution: false })).tools).toBeUndefined();
	});

	it('maps web search settings', () => {
		expect(
			buildResponsesRequest(
				withTools({
					webSearch: {
						allowedDomains: 'Wikipedia.org, arxiv.org\nnature.com',
						enableImageUnderstanding: false,
					},
				}),
			).tools,
		).toEqual([
			{
				type: 'web_search',
				allowed_domains: ['wikipedia.org', 'arxiv.org', 'nature.com'],
				enable_image_understanding: false,
			},
		]);
		expect(
			buildResponsesRequest(withTools({ webSearch: { excludedDomains: ['spam.com'] } })).tools,
		).toEqual([{ type: 'web_search', excluded_domains: ['spam.com'] }]);
	});

	it('maps X search settings, handles without their @', () => {
		expect(
			buildResponsesRequest(
				withTools({
					xSearch: {
						allowedHandles: '@xai, grok',
						fromDate: '2025-01-01',
						toDate: '2025-02-28T12:00:00.000Z',
						enableImageUnderstanding: true,
						enableVideoUnderstanding: false,
					},
				}),
			).tools,
		).toEqual([
			{
				type: 'x_search',
				allowed_x_handles: ['xai', 'grok'],
				from_date: '2025-01-01',
				to_date: '2025-02-28',
				enable_image_understanding: true,
				enable_video_understanding: false,
			},
		]);
		expect(
			buildResponsesRequest(withTools({ xSearch: { excludedHandles: '@spam' } })).tools,
		).toEqual([{ type: 'x_search', excluded_x_handles: ['spam'] }]);
	});

	it('names the field of bad tool settings', () => {
		const web = 'Built-in Tools › Web Search';
		const x = 'Built-in Tools › X Search';
		expect(
			failure(withTools({ webSearch: { allowedDomains: 'a.com,b.com,c.com,d.com,e.com,f.com' } })),
		).toBe(`${web} › Allowed Domains: at most 5 domains, but there are 6`);
		expect(
			failure(withTools({ webSearch: { allowedDomains: 'a.com', excludedDomains: 'b.com' } })),
		).toBe(`${web} › Excluded Domains: set Allowed Domains or Excluded Domains, not both`);
		expect(failure(withTools({ webSearch: { allowedDomains: 'https://a.com/x' } }))).toMatch(
			new RegExp(`^${web} › Allowed Domains: "https://a.com/x" is not a domain`),
		);
		expect(
			failure(
				withTools({ xSearch: { excludedHandles: Array.from({ length: 11 }, (_, i) => `u${i}`) } }),
			),
		).toBe(`${x} › Excluded Handles: at most 10 handles, but there are 11`);
		expect(failure(withTools({ xSearch: { allowedHandles: 'a', excludedHandles: 'b' } }))).toBe(
			`${x} › Excluded Handles: set Allowed Handles or Excluded Handles, not both`,
		);
		expect(failure(withTools({ xSearch: { allowedHandles: '@not a handle' } }))).toMatch(
			new RegExp(`^${x} › Allowed Handles: "@not a handle" is not an X handle`),
		);
		expect(failure(withTools({ xSearch: { fromDate: '2025-02-30' } }))).toBe(
			`${x} › From Date: "2025-02-30" is not a date as YYYY-MM-DD, e.g. 2025-01-31`,
		);
		expect(failure(withTools({ xSearch: { toDate: '31/01/2025' } }))).toMatch(
			new RegExp(`^${x} › To Date: "31/01/2025" is not a date`),
		);
		expect(failure(withTools({ xSearch: { fromDate: '2025-03-01', toDate: '2025-02-01' } }))).toBe(
			`${x} › From Date: 2025-03-01 is after the To Date 2025-02-01`,
		);
		expect(failure(withTools({ xSearch: { enableVideoUnderstanding: 'yes' } }))).toBe(
			`${x} › Enable Video Understanding: must be true or false, not "yes"`,
		);
		expect(failure(withTools({ webSearch: 'on' as never }))).toBe(
			`${web}: must be an object of settings`,
		);
	});
});
