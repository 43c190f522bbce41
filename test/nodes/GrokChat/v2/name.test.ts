/**
 * Version 2 sends a user message's Name (issue 20 #5): xAI's Responses input takes `name` on user
 * messages ("Only for user messages"), as chat completions do; on other roles it is refused
 * before sending.
 */
import type { ServerResponse } from 'node:http';

import type { ResponsesParameters } from '../../../../nodes/GrokChat/v2/request';
import { buildResponsesRequest } from '../../../../nodes/GrokChat/v2/request';
import { startHostile, type Hostile } from '../../../fake-xai/hostile';
import { runGrokChat } from '../../../helpers/run-node';

const parameters = (
	source: Pick<ResponsesParameters, 'messagesSource' | 'messages' | 'messagesJson'>,
): ResponsesParameters => ({ model: 'grok-4.3', options: {}, ...source });

describe('a user message with a Name', () => {
	it('is sent with its name, with or without images', () => {
		const { input } = buildResponsesRequest(
			parameters({
				messagesSource: 'define',
				messages: [
					{ role: 'system', content: 'Be brief' },
					{ role: 'user', content: 'Hi', name: 'ann' },
					{ role: 'user', content: 'Look', name: ' bob ', imageUrls: 'https://e.com/a.png' },
					{ role: 'user', content: 'No name', name: '  ' },
				],
			}),
		);
		expect(input).toEqual([
			{ role: 'system', content: 'Be brief' },
			{ role: 'user', content: 'Hi', name: 'ann' },
			{
				role: 'user',
				content: [
					{ type: 'input_text', text: 'Look' },
					{ type: 'input_image', image_url: 'https://e.com/a.png', detail: 'auto' },
				],
				name: 'bob',
			},
			{ role: 'user', content: 'No name' },
		]);
	});

	it('from JSON keeps its name on user messages', () => {
		const { input } = buildResponsesRequest(
			parameters({
				messagesSource: 'json',
				messages: [],
				messagesJson: [
					{ role: 'user', content: 'Hi', name: 'ann' },
					{ role: 'user', content: [{ type: 'input_text', text: 'Again' }], name: 'ann' },
				],
			}),
		);
		expect(input).toEqual([
			{ role: 'user', content: 'Hi', name: 'ann' },
			{ role: 'user', content: [{ type: 'input_text', text: 'Again' }], name: 'ann' },
		]);
		expect(() =>
			buildResponsesRequest(
				parameters({
					messagesSource: 'json',
					messages: [],
					messagesJson: [{ role: 'user', content: 'Hi', name: 7 }],
				}),
			),
		).toThrow('Messages (JSON) › [0].name: must be text');
	});
});

describe('in a run of the node', () => {
	let hostile: Hostile;
	beforeAll(async () => {
		hostile = await startHostile();
	});
	afterAll(async () => await hostile.close());

	it('reaches xAI as the name of the user message', async () => {
		hostile.answer((_req, res: ServerResponse) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify({
					id: 'resp_1',
					object: 'response',
					model: 'grok-4.3',
					status: 'completed',
					output: [
						{
							type: 'message',
							role: 'assistant',
							content: [{ type: 'output_text', text: 'Hi Ann', annotations: [] }],
						},
					],
				}),
			);
		});
		const result = await runGrokChat({
			parameters: {
				model: { __rl: true, mode: 'id', value: 'grok-4.3' },
				messagesSource: 'define',
				messages: { values: [{ role: 'user', content: 'Hello', name: 'ann' }] },
				options: { maxRetries: 0 },
			},
			version: 2,
			credentials: { apiKey: 'xai-Name-Test-Key-0123456789', baseUrl: hostile.url },
		});
		expect(result.success[0].json.content).toBe('Hi Ann');
		const body = hostile.requests[0].body as { input: unknown };
		expect(body.input).toEqual([{ role: 'user', content: 'Hello', name: 'ann' }]);
	});
});
