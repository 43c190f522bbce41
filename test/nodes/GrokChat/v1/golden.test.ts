/**
 * Version 1's golden test: saved version 1 workflows must keep sending the same requests and
 * producing the same items. `golden.json` was recorded by this file from the node as it was
 * before version 2 existed (commit f1665c7), against the same fake xAI; every run compares the
 * node of today with that recording. GOLDEN_WRITE=1 records anew (only ever from that commit).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startFakeXai, type FakeXai } from '../../../fake-xai/server';
import { chatParameters, runGrokChat, type OnError } from '../../../helpers/run-node';

const GOLDEN = join(__dirname, 'golden.json');
const API_KEY = 'xai-golden-key-0000';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');

interface Scenario {
	name: string;
	parameters: IDataObject;
	items?: INodeExecutionData[];
	onError?: OnError;
}

const model = (value: string) => ({ __rl: true, mode: 'list', value, cachedResultName: value });

const SCENARIOS: Scenario[] = [
	{
		name: 'one user message per item, from an expression',
		parameters: chatParameters('={{ $json.text }}'),
		items: [{ json: { text: 'one' } }, { json: { text: 'two' } }],
	},
	{
		name: 'every role, a name, and every sampling option',
		parameters: {
			model: model('grok-3'),
			messagesSource: 'define',
			messages: {
				values: [
					{ role: 'system', content: 'Answer in French' },
					{ role: 'developer', content: 'Be brief' },
					{ role: 'user', content: 'Hello', name: 'ann' },
					{ role: 'assistant', content: 'Bonjour' },
					{ role: 'user', content: 'Again' },
				],
			},
			options: {
				maxTokens: 50,
				temperature: 0.3,
				topP: 0.9,
				presencePenalty: 0.5,
				frequencyPenalty: 0.25,
				seed: 42,
				stop: 'END, STOP',
				user: 'u-1',
				timeout: 30000,
				maxRetries: 1,
				concurrency: 2,
			},
		},
	},
	{
		name: 'image URLs and an image from binary data',
		parameters: {
			model: model('grok-4'),
			messagesSource: 'define',
			messages: {
				values: [
					{
						role: 'user',
						content: 'Describe',
						imageUrls: 'https://example.com/a.jpg, https://example.com/b.png',
						binaryProperties: 'photo',
						imageDetail: 'high',
					},
				],
			},
		},
		items: [
			{
				json: {},
				binary: { photo: { data: PNG, mimeType: 'image/png', fileName: 'p.png' } },
			},
		],
	},
	{
		name: 'messages from JSON',
		parameters: {
			model: model('grok-3'),
			messagesSource: 'json',
			messagesJson:
				'={{ [{"role":"user","content":"My name is Ann"},{"role":"assistant","content":"Hello Ann"},{"role":"user","content":"What is my name?"}] }}',
		},
	},
	{
		name: 'JSON object output',
		parameters: chatParameters('Give JSON [reply:{"a":1}]', {
			options: { responseFormat: 'json_object' },
		}),
	},
	{
		name: 'JSON Schema output',
		parameters: chatParameters('Give JSON [reply:{"city":"Paris"}]', {
			options: {
				responseFormat: 'json_schema',
				jsonSchema: '{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}',
			},
		}),
	},
	{
		name: 'a reasoning model with reasoning effort and reasoning kept',
		parameters: chatParameters('Think', {
			model: model('grok-3-mini'),
			options: { reasoningEffort: 'high', includeReasoning: true },
		}),
	},
	{
		name: 'streamed',
		parameters: chatParameters('Stream this', { options: { stream: true } }),
	},
	{
		name: 'streamed reasoning, not simplified',
		parameters: chatParameters('Stream raw', {
			model: model('grok-3-mini'),
			simplify: false,
			options: { stream: true },
		}),
	},
	{
		name: 'not simplified',
		parameters: chatParameters('Raw please', { simplify: false }),
	},
	{
		name: 'xAI errors on the error output, the others answered',
		parameters: chatParameters('={{ $json.text }}', { options: { maxRetries: 0 } }),
		items: [
			{ json: { text: 'fine' } },
			{ json: { text: 'bad [fail:400]' } },
			{ json: { text: 'no credits [fail:403-credits]' } },
			{ json: { text: 'policy [fail:403-policy]' } },
			{ json: { text: 'missing [fail:404]' } },
		],
		onError: 'continueErrorOutput',
	},
	{
		name: 'bad input is an item error before any request',
		parameters: chatParameters('={{ $json.text }}', { options: { maxTokens: -5 } }),
		items: [{ json: { text: 'x' } }],
		onError: 'continueRegularOutput',
	},
];

/** What the user and xAI see of a run: the requests sent and the items that came out. */
function observed(fake: FakeXai, success: INodeExecutionData[], errors: INodeExecutionData[]) {
	const item = ({ json, pairedItem }: INodeExecutionData) => ({
		json: stable(json),
		pairedItem,
	});
	return {
		requests: fake
			.chatRequests()
			.sort((a, b) => JSON.stringify(a.body).localeCompare(JSON.stringify(b.body)))
			.map(({ method, path, body, headers }) => ({
				method,
				path,
				body,
				contentType: headers['content-type'],
				accept: headers.accept,
				convId: headers['x-grok-conv-id'],
			})),
		success: success.map(item),
		errors: errors.map(item),
	};
}

/** The fake's IDs and timestamps of streamed replies change per run. */
function stable(json: IDataObject): IDataObject {
	return JSON.parse(
		JSON.stringify(json)
			.replace(/"created":\d+/g, '"created":0')
			.replace(/chatcmpl-[\w-]+/g, 'chatcmpl-*'),
	);
}

describe('Grok Chat version 1 sends and answers exactly as before version 2', () => {
	let fake: FakeXai;
	const recorded: Record<string, unknown> = {};
	const golden: Record<string, unknown> = process.env.GOLDEN_WRITE
		? {}
		: JSON.parse(readFileSync(GOLDEN, 'utf8'));

	beforeAll(async () => {
		fake = await startFakeXai();
	});
	afterAll(async () => {
		await fake.close();
		if (process.env.GOLDEN_WRITE)
			writeFileSync(GOLDEN, `${JSON.stringify(recorded, null, '\t')}\n`);
	});

	it.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
		'%s',
		async (name, scenario) => {
			fake.reset();
			const run = await runGrokChat({
				parameters: scenario.parameters,
				items: scenario.items,
				onError: scenario.onError,
				credentials: { apiKey: API_KEY, baseUrl: fake.url },
			});
			recorded[name] = observed(fake, run.success, run.errors);
			if (!process.env.GOLDEN_WRITE) expect(recorded[name]).toEqual(golden[name]);
		},
	);

	it('has a recording for every scenario', () => {
		if (process.env.GOLDEN_WRITE) return;
		expect(Object.keys(golden).sort()).toEqual(SCENARIOS.map(({ name }) => name).sort());
	});
});
