import type { ChatParameters } from '../../../../nodes/GrokChat/common/chatCompletions/request';
import { buildChatRequest } from '../../../../nodes/GrokChat/common/chatCompletions/request';
import { InvalidParameterError } from '../../../../nodes/shared/errors';
import { MAX_IMAGE_BYTES } from '../../../../nodes/shared/images';
import { rejectionOf } from '../../../helpers/rejection';

const define = (
	messages: ChatParameters['messages'],
	options: ChatParameters['options'] = {},
): ChatParameters => ({
	model: 'grok-4',
	messagesSource: 'define',
	messages,
	options,
});
const fromJson = (messagesJson: unknown): ChatParameters => ({
	model: 'grok-4',
	messagesSource: 'json',
	messages: [],
	messagesJson,
	options: {},
});
const PNG_SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');
const JPEG_BYTES = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.from(' jpeg bytes')]);
const png = (bytes = 16) => ({
	mimeType: 'image/png',
	data: Buffer.concat([PNG_SIGNATURE, Buffer.alloc(bytes - PNG_SIGNATURE.length, 1)]),
});

describe('buildChatRequest', () => {
	it('sends only the model and messages when no option is set', () => {
		expect(buildChatRequest(define([{ role: 'user', content: 'Hi' }]))).toEqual({
			model: 'grok-4',
			messages: [{ role: 'user', content: 'Hi' }],
		});
	});

	it('sends developer messages as system messages, since xAI has no developer role', () => {
		const request = buildChatRequest(
			define([
				{ role: 'developer', content: 'Be brief' },
				{ role: 'user', content: 'Hi', name: 'ann' },
				{ role: 'assistant', content: 'Hello' },
			]),
		);
		expect(request.messages).toEqual([
			{ role: 'system', content: 'Be brief' },
			{ role: 'user', content: 'Hi', name: 'ann' },
			{ role: 'assistant', content: 'Hello' },
		]);
	});

	it('maps every option to its API name', () => {
		const request = buildChatRequest(
			define([{ role: 'user', content: 'Hi' }], {
				maxTokens: 100,
				temperature: 0.2,
				topP: 0.9,
				stop: ['END', 'STOP'],
				seed: 7,
				presencePenalty: 0.5,
				frequencyPenalty: -0.5,
				reasoningEffort: 'high',
				responseFormat: 'json_object',
				user: 'customer-1',
				timeout: 5000,
				maxRetries: 1,
				stream: true,
			}),
		);
		expect(request).toEqual({
			model: 'grok-4',
			messages: [{ role: 'user', content: 'Hi' }],
			max_completion_tokens: 100,
			temperature: 0.2,
			top_p: 0.9,
			stop: ['END', 'STOP'],
			seed: 7,
			presence_penalty: 0.5,
			frequency_penalty: -0.5,
			reasoning_effort: 'high',
			response_format: { type: 'json_object' },
			user: 'customer-1',
		});
	});

	it('sends a JSON schema the way xAI expects it', () => {
		const request = buildChatRequest(
			define([{ role: 'user', content: 'Hi' }], {
				responseFormat: 'json_schema',
				jsonSchema: '{"type":"object","properties":{"answer":{"type":"string"}}}',
			}),
		);
		expect(request.response_format).toEqual({
			type: 'json_schema',
			json_schema: {
				name: 'response',
				schema: { type: 'object', properties: { answer: { type: 'string' } } },
				strict: true,
			},
		});
	});

	it('puts text and images of a user message into parts, data URLs with their commas intact', () => {
		const dataUrl = `data:image/png;base64,${PNG_SIGNATURE.toString('base64')}`;
		const request = buildChatRequest(
			define([
				{
					role: 'user',
					content: 'What is this?',
					imageUrls: `https://example.com/a.jpg, ${dataUrl}\nhttps://example.com/b.png`,
					binaryProperties: 'photo',
					imageDetail: 'high',
				},
			]),
			new Map([['photo', { mimeType: 'image/jpeg', data: JPEG_BYTES }]]),
		);
		expect(request.messages[0]).toEqual({
			role: 'user',
			content: [
				{ type: 'text', text: 'What is this?' },
				{ type: 'image_url', image_url: { url: 'https://example.com/a.jpg', detail: 'high' } },
				{ type: 'image_url', image_url: { url: dataUrl, detail: 'high' } },
				{ type: 'image_url', image_url: { url: 'https://example.com/b.png', detail: 'high' } },
				{
					type: 'image_url',
					image_url: {
						url: `data:image/jpeg;base64,${JPEG_BYTES.toString('base64')}`,
						detail: 'high',
					},
				},
			],
		});
	});

	it('takes image URLs from an expression that gives an array', () => {
		const request = buildChatRequest(
			define([
				{
					role: 'user',
					content: '',
					imageUrls: ['https://example.com/a.png', 'https://example.com/b.png'],
				},
			]),
		);
		expect(request.messages[0].content).toHaveLength(2);
	});

	it('passes JSON messages through, with developer sent as system', () => {
		const history = [
			{ role: 'developer', content: 'Be brief' },
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'Hi' },
					{ type: 'image_url', image_url: { url: 'https://x.test/a.png' } },
				],
			},
			{ role: 'assistant', content: 'Hello' },
			{ role: 'user', content: 'And now?' },
		];
		expect(buildChatRequest(fromJson(JSON.stringify(history))).messages).toEqual([
			{ role: 'system', content: 'Be brief' },
			history[1],
			history[2],
			history[3],
		]);
		expect(buildChatRequest(fromJson(history)).messages).toHaveLength(4);
	});

	describe('rejects bad input before anything is sent, naming the field', () => {
		const cases: Array<[string, () => unknown, RegExp]> = [
			[
				'no model',
				() => buildChatRequest({ ...define([{ role: 'user', content: 'Hi' }]), model: ' ' }),
				/^Model: /,
			],
			['no messages', () => buildChatRequest(define([])), /^Messages: add at least one message/],
			[
				'an unknown role',
				() => buildChatRequest(define([{ role: 'robot', content: 'Hi' }])),
				/^Message 0 › Role: "robot"/,
			],
			[
				'a name on a system message',
				() => buildChatRequest(define([{ role: 'system', content: 'Hi', name: 'x' }])),
				/^Message 0 › Name: xAI accepts a name on user messages only/,
			],
			[
				'an empty message',
				() => buildChatRequest(define([{ role: 'user', content: '  ' }])),
				/^Message 0 › Text: /,
			],
			[
				'an http image URL',
				() =>
					buildChatRequest(
						define([{ role: 'user', content: 'a', imageUrls: 'http://example.com/a.png' }]),
					),
				/^Message 0 › Image URLs: "http:\/\/example.com\/a.png" is not an https URL/,
			],
			[
				'a GIF data URL',
				() =>
					buildChatRequest(
						define([{ role: 'user', content: 'a', imageUrls: 'data:image/gif;base64,R0lG' }]),
					),
				/^Message 0 › Image URLs: the data URL is not a JPG or PNG image \(it says image\/gif\); xAI takes JPG or PNG images only/,
			],
			[
				'images on an assistant message',
				() =>
					buildChatRequest(
						define([{ role: 'assistant', content: 'a', imageUrls: 'https://x.test/a.png' }]),
					),
				/^Message 0 › Image URLs: images can be sent in user messages only/,
			],
			[
				'a missing binary property',
				() => buildChatRequest(define([{ role: 'user', content: 'a', binaryProperties: 'photo' }])),
				/^Message 0 › Images From Binary Properties: the item has no binary property "photo"/,
			],
			[
				'a PDF binary property',
				() =>
					buildChatRequest(
						define([{ role: 'user', content: 'a', binaryProperties: 'doc' }]),
						new Map([['doc', { mimeType: 'application/pdf', data: Buffer.from('%PDF') }]]),
					),
				/binary property "doc" is not a JPG or PNG image \(it says application\/pdf\); xAI takes JPG or PNG images only/,
			],
			[
				'an image over 20 MiB',
				() =>
					buildChatRequest(
						define([{ role: 'user', content: 'a', binaryProperties: 'big' }]),
						new Map([['big', png(MAX_IMAGE_BYTES + 1)]]),
					),
				/binary property "big" is 20.0 MiB; xAI takes images of at most 20 MiB/,
			],
			[
				'a negative max tokens',
				() => buildChatRequest(define([{ role: 'user', content: 'a' }], { maxTokens: -5 })),
				/^Options › Maximum Number of Tokens: -5 is not a whole number of at least 1/,
			],
			[
				'a temperature of 3',
				() => buildChatRequest(define([{ role: 'user', content: 'a' }], { temperature: 3 })),
				/^Options › Sampling Temperature: 3 is not a number from 0 to 2/,
			],
			[
				'a JSON schema that is not JSON',
				() =>
					buildChatRequest(
						define([{ role: 'user', content: 'a' }], {
							responseFormat: 'json_schema',
							jsonSchema: '{type: object',
						}),
					),
				/^Options › JSON Schema: is not valid JSON/,
			],
			[
				'messages JSON that is not JSON',
				() => buildChatRequest(fromJson('[{')),
				/^Messages \(JSON\): is not valid JSON/,
			],
			[
				'messages JSON that is not an array',
				() => buildChatRequest(fromJson({ role: 'user' })),
				/^Messages \(JSON\): must be an array/,
			],
			[
				'an empty messages JSON array',
				() => buildChatRequest(fromJson([])),
				/^Messages: add at least one message/,
			],
			[
				'a JSON message without a valid role',
				() => buildChatRequest(fromJson([{ role: 'bot', content: 'a' }])),
				/^Messages \(JSON\) › \[0\]\.role: "bot"/,
			],
			[
				'a JSON message without content',
				() => buildChatRequest(fromJson([{ role: 'user' }])),
				/^Messages \(JSON\) › \[0\]\.content: must be text/,
			],
			[
				'a name on a JSON assistant message',
				() =>
					buildChatRequest(
						fromJson([
							{ role: 'user', content: 'a' },
							{ role: 'assistant', content: 'b', name: 'x' },
						]),
					),
				/^Messages \(JSON\) › \[1\]\.name: xAI accepts a name on user messages only/,
			],
			[
				'a JSON image part with an ftp URL',
				() =>
					buildChatRequest(
						fromJson([
							{
								role: 'user',
								content: [{ type: 'image_url', image_url: { url: 'ftp://x/a.png' } }],
							},
						]),
					),
				/^Messages \(JSON\) › \[0\]\.content\[0\]\.image_url\.url: "ftp:\/\/x\/a.png" is not an https URL/,
			],
			[
				'a JSON part of an unknown type',
				() => buildChatRequest(fromJson([{ role: 'user', content: [{ type: 'audio' }] }])),
				/^Messages \(JSON\) › \[0\]\.content\[0\]\.type: "audio"/,
			],
		];
		it.each(cases)('%s', (_name, run, message) => {
			expect(rejectionOf(run, InvalidParameterError).message).toMatch(message);
		});
	});
});
