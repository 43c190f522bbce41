/**
 * Every server-side tool call xAI reports is in serverToolCalls (issue 20 #7): code execution,
 * image and X video viewing, image generation, and any `*_call` xAI adds later; the user's own
 * function calls are not. The items follow the shape of xAI's tool call output items (name,
 * arguments or input as JSON text, call_id, id, status).
 */
import type { IDataObject } from 'n8n-workflow';

import { toOutputJson } from '../../../../nodes/GrokChat/v2/output';
import { serverToolCallsOf } from '../../../../nodes/shared/xai/responses/serverToolCalls';
import type { XaiResponse } from '../../../../nodes/shared/xai/responses/types';

const answer = {
	type: 'message',
	id: 'msg_9',
	role: 'assistant',
	status: 'completed',
	content: [{ type: 'output_text', text: 'Done.', annotations: [] }],
};
const responseWith = (output: IDataObject[]) =>
	({
		id: 'resp_9',
		object: 'response',
		model: 'grok-4.3',
		status: 'completed',
		output: [...output, answer],
	}) as XaiResponse;

const toolCall = (type: string, fields: IDataObject) => ({
	type,
	id: `${type}_1`,
	call_id: '',
	status: 'completed',
	...fields,
});

describe('serverToolCallsOf: the newer server-side calls', () => {
	it('code_execution_call is a code interpreter run, with its code', () => {
		const code = 'print(sum(range(10)))';
		const calls = serverToolCallsOf(
			responseWith([toolCall('code_execution_call', { arguments: JSON.stringify({ code }) })]),
		);
		expect(calls).toEqual([
			{
				type: 'code_interpreter',
				name: 'code_execution',
				arguments: { code },
				status: 'completed',
			},
		]);
	});

	it('view_image_call and view_x_video_call tell what was looked at', () => {
		const image = 'https://pbs.twimg.com/media/photo.jpg';
		const video = 'https://video.twimg.com/clip.mp4';
		const calls = serverToolCallsOf(
			responseWith([
				toolCall('view_image_call', { name: 'view_image', arguments: `{"image_url":"${image}"}` }),
				toolCall('view_x_video_call', { arguments: `{"video_url":"${video}"}` }),
			]),
		);
		expect(calls).toEqual([
			{
				type: 'view_image',
				name: 'view_image',
				arguments: { image_url: image },
				status: 'completed',
			},
			{
				type: 'x_search',
				name: 'view_x_video',
				arguments: { video_url: video },
				status: 'completed',
			},
		]);
	});

	it('image_generation_call is listed without its image bytes', () => {
		const calls = serverToolCallsOf(
			responseWith([toolCall('image_generation_call', { result: 'iVBORw0KGgo'.repeat(1000) })]),
		);
		expect(calls).toEqual([{ type: 'image_generation', status: 'completed' }]);
	});

	it('a *_call type xAI adds later is listed under its own name', () => {
		const calls = serverToolCallsOf(
			responseWith([toolCall('collections_search_call', { input: '{"query":"refund policy"}' })]),
		);
		expect(calls).toEqual([
			{
				type: 'collections_search',
				query: 'refund policy',
				arguments: { query: 'refund policy' },
				status: 'completed',
			},
		]);
	});

	it("the user's own calls and outputs are not server-side calls", () => {
		const calls = serverToolCallsOf(
			responseWith([
				toolCall('function_call', { name: 'lookup', arguments: '{}' }),
				{ type: 'function_call_output', call_id: 'c1', output: '{}' },
				toolCall('custom_tool_call', { name: 'my_tool', input: '{}' }),
				{ type: 'reasoning', id: 'rs_1', summary: [] },
				{ type: 'Bad Call', id: 'x' },
			]),
		);
		expect(calls).toEqual([]);
	});

	it('reaches the simplified output of Grok Chat version 2', () => {
		const output = toOutputJson(
			responseWith([
				toolCall('view_image_call', { arguments: '{"image_url":"https://a.b/c.png"}' }),
			]),
			true,
			{},
		);
		expect(output.serverToolCalls).toEqual([
			{
				type: 'view_image',
				arguments: { image_url: 'https://a.b/c.png' },
				status: 'completed',
			},
		]);
	});
});
