import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { searchImageModels, searchVideoModels } from '../../../nodes/shared/methods';
import { useFakeXai } from './run';

const fake = useFakeXai();

const loadOptions = (apiKey = 'xai-good') =>
	({
		getCredentials: async () => ({ apiKey, baseUrl: fake.url }),
		getNode: () => ({ id: 'i', name: 'Grok Imagine', type: 'grokImagine', typeVersion: 1 }),
	}) as unknown as ILoadOptionsFunctions;

describe('Grok Imagine model pickers', () => {
	it("list xAI's image models and video models from their own lists, filtered by ID or alias", async () => {
		expect((await searchImageModels.call(loadOptions())).results).toEqual([
			{ name: 'grok-imagine-image', value: 'grok-imagine-image' },
			{ name: 'grok-imagine-image-quality', value: 'grok-imagine-image-quality' },
		]);
		expect((await searchVideoModels.call(loadOptions(), '1.5')).results).toEqual([
			{ name: 'grok-imagine-video-1.5', value: 'grok-imagine-video-1.5' },
		]);
		expect(
			(await searchImageModels.call(loadOptions(), 'PRO')).results.map((r) => r.value),
		).toEqual(['grok-imagine-image-quality']);
		expect(fake.requests.map((r) => r.path)).toEqual([
			'/image-generation-models',
			'/video-generation-models',
			'/image-generation-models',
		]);
	});

	it("reports a wrong key with xAI's message, not the key", async () => {
		// The fake quotes the key whole, as a careless proxy would: the picker masks it.
		const error = await searchVideoModels.call(loadOptions('bad-key-123456')).catch((e) => e);
		expect(error).toMatchObject({
			message:
				'xAI error 400: Incorrect API key provided: ***. You can obtain an API key from https://console.x.ai.',
		});
		expect(JSON.stringify(error)).not.toContain('bad-key-123456');
		expect(String((error as Error).stack)).not.toContain('bad-key-123456');
	});
});
