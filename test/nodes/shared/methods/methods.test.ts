import type { ICredentialTestFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { xAiGrokApiTest } from '../../../../nodes/shared/methods/credentialTest';
import { searchModels, searchVoices } from '../../../../nodes/shared/methods/listSearch';
import { startFakeXai, type FakeXai } from '../../../fake-xai/server';

let fake: FakeXai;
beforeAll(async () => {
	fake = await startFakeXai();
});
afterAll(async () => await fake.close());
beforeEach(() => fake.reset());

const loadOptions = (baseUrl: string, apiKey = 'xai-good') =>
	({
		getCredentials: async () => ({ apiKey, baseUrl }),
		getNode: () => ({
			id: 'g',
			name: 'Grok Chat',
			type: 'grokChat',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
	}) as unknown as ILoadOptionsFunctions;

const testCredential = async (apiKey: string, baseUrl = fake.url) =>
	await xAiGrokApiTest.call({} as ICredentialTestFunctions, {
		id: '1',
		name: 'xAI',
		type: 'xAiGrokApi',
		data: { apiKey, baseUrl },
	});

describe('model list', () => {
	it('lists the live models, marking those that take images and those that reason, and filters them', async () => {
		const all = await searchModels.call(loadOptions(fake.url));
		expect(all.results).toEqual([
			{ name: 'grok-2-vision-1212 (text + image)', value: 'grok-2-vision-1212' },
			{ name: 'grok-3', value: 'grok-3' },
			{ name: 'grok-3-mini', value: 'grok-3-mini' },
			{ name: 'grok-4 (text + image)', value: 'grok-4' },
			{
				name: 'grok-4.20-0309-non-reasoning (text + image)',
				value: 'grok-4.20-0309-non-reasoning',
			},
			{
				name: 'grok-4.20-0309-reasoning (text + image, reasoning)',
				value: 'grok-4.20-0309-reasoning',
			},
			{ name: 'grok-4.3 (text + image)', value: 'grok-4.3' },
		]);
		expect(fake.requests.map((r) => r.path)).toEqual(['/language-models']);
		const filtered = await searchModels.call(loadOptions(fake.url), 'MINI');
		expect(filtered.results.map((r) => r.value)).toEqual(['grok-3-mini']);
		const byAlias = await searchModels.call(loadOptions(fake.url), 'vision');
		expect(byAlias.results.map((r) => r.value)).toEqual(['grok-2-vision-1212']);
	});

	it('falls back to /models where /language-models does not exist', async () => {
		const proxy = await startFakeXai({ noLanguageModels: true });
		try {
			const { results } = await searchModels.call(loadOptions(proxy.url));
			expect(results.map((r) => r.name)).toEqual([
				'grok-2-vision-1212',
				'grok-3',
				'grok-3-mini',
				'grok-4',
				'grok-4.20-0309-non-reasoning',
				'grok-4.20-0309-reasoning',
				'grok-4.3',
			]);
			expect(proxy.requests.map((r) => r.path)).toEqual(['/language-models', '/models']);
		} finally {
			await proxy.close();
		}
	});

	it('reports a wrong key as a credential problem', async () => {
		await expect(searchModels.call(loadOptions(fake.url, 'bad-key'))).rejects.toMatchObject({
			message: expect.stringMatching(/^xAI error 400: Incorrect API key provided/),
			description: 'Check the API key in the xAI Grok API credential',
		});
	});
});

describe('credential test', () => {
	it('accepts a working key through GET /api-key, which costs no tokens', async () => {
		expect(await testCredential('xai-good')).toEqual({
			status: 'OK',
			message: 'Connection successful',
		});
		expect(fake.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
			['GET', '/api-key', 'Bearer xai-good'],
		]);
	});

	it('says clearly that a wrong key is wrong', async () => {
		const result = await testCredential('bad-key-42');
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^xAI error 400: Incorrect API key provided: ba\*\*\*42.*Check the API key/,
		);
	});

	it('fails a blocked key', async () => {
		expect(await testCredential('blocked-key')).toEqual({
			status: 'Error',
			message: 'The API key is blocked or disabled: check it at console.x.ai',
		});
	});

	it('tells when the base URL does not answer', async () => {
		const result = await testCredential('xai-good', 'http://127.0.0.1:9/v1');
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Could not reach xAI.*Base URL/);
	});
});

describe('voice list', () => {
	it("lists xAI's voices and the team's custom ones, by ID, and filters them by name or ID", async () => {
		const { results } = await searchVoices.call(loadOptions(fake.url));
		expect(results).toEqual([
			{ name: 'Ara', value: 'ara' },
			{ name: 'Eve', value: 'eve' },
			{ name: 'Leo', value: 'leo' },
			{ name: 'Rex', value: 'rex' },
			{ name: 'Sal', value: 'sal' },
			{ name: 'Support Desk (support-desk)', value: 'support-desk' },
		]);
		expect(fake.requests.map((r) => r.path)).toEqual(['/tts/voices']);
		const filtered = await searchVoices.call(loadOptions(fake.url), 'DESK');
		expect(filtered.results.map((r) => r.value)).toEqual(['support-desk']);
	});

	it('offers the documented voices where the server lists none', async () => {
		const proxy = await startFakeXai({ voiceList: false });
		try {
			const { results } = await searchVoices.call(loadOptions(proxy.url));
			expect(results.map((r) => r.value)).toEqual(['ara', 'eve', 'leo', 'rex', 'sal']);
		} finally {
			await proxy.close();
		}
	});

	it('fails with the redacted xAI error and its remedy when the key is wrong', async () => {
		await expect(searchVoices.call(loadOptions(fake.url, 'bad-key-1234'))).rejects.toMatchObject({
			message: expect.stringMatching(/^xAI error 400: Incorrect API key provided/),
			description: 'Check the API key in the xAI Grok API credential',
		});
	});
});
