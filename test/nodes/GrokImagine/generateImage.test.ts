import { imageTypeOf } from '../../../nodes/shared/images';
import * as imagine from '../../fake-xai/imagine';
import {
	API_KEY,
	bytesOf,
	errorOf,
	imagineParameters,
	prompts,
	runImagine,
	useFakeXai,
} from './run';

const fake = useFakeXai();

const imageRequests = () => fake.requests.filter((r) => r.path === '/images/generations');

describe('Grok Imagine: Generate Image', () => {
	it('turns one prompt into two items, each with its PNG as binary data and the facts as JSON', async () => {
		const result = await runImagine(fake, {
			parameters: imagineParameters('generateImage', { options: { n: 2 } }),
			items: prompts('a red fox in snow'),
		});
		expect(result.executionStatus).toBe('success');
		expect(result.success).toHaveLength(2);
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		result.success.forEach((item, index) => {
			const bytes = bytesOf(item);
			expect(imageTypeOf(bytes)).toBe('image/png');
			expect(bytes.toString('latin1')).toContain(`image ${index + 1}: a red fox in snow`);
			expect(item.binary?.data).toMatchObject({
				mimeType: 'image/png',
				fileName: `grok-imagine-${index + 1}.png`,
				fileExtension: 'png',
			});
			expect(item.json).toEqual({
				model: 'grok-imagine-image',
				revisedPrompt: 'A vivid picture of a red fox in snow',
				url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/files\/.+\.png$/),
				costUsd: 0.02,
				mimeType: 'image/png',
			});
		});
		expect(imageRequests().map((r) => r.body)).toEqual([
			{ model: 'grok-imagine-image', prompt: 'a red fox in snow', n: 2, response_format: 'url' },
		]);
	});

	it('downloads the files from their own host with a plain GET that carries no key', async () => {
		await runImagine(fake, {
			parameters: imagineParameters('generateImage', { options: { n: 3 } }),
			items: prompts('a lighthouse'),
		});
		const downloads = imagine.mediaRequests();
		expect(downloads).toHaveLength(3);
		const mediaPort = new URL(`http://${downloads[0].headers.host}`).port;
		expect(mediaPort).not.toBe(String(fake.port));
		for (const { method, headers } of downloads) {
			expect(method).toBe('GET');
			expect(headers.authorization).toBeUndefined();
			expect(JSON.stringify(headers)).not.toContain(API_KEY);
		}
		// The API itself did get the key.
		expect(imageRequests()[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
	});

	it('sends the options it is given, and takes the images from the reply with Base64 delivery', async () => {
		const result = await runImagine(fake, {
			parameters: imagineParameters('generateImage', {
				options: {
					n: 2,
					aspectRatio: '16:9',
					resolution: '2k',
					quality: 'high',
					delivery: 'b64_json',
					user: 'customer-7',
				},
			}),
			items: prompts('a harbour at dawn'),
		});
		expect(imageRequests()[0].body).toEqual({
			model: 'grok-imagine-image',
			prompt: 'a harbour at dawn',
			n: 2,
			response_format: 'b64_json',
			aspect_ratio: '16:9',
			resolution: '2k',
			quality: 'high',
			user: 'customer-7',
		});
		expect(imagine.mediaRequests()).toEqual([]);
		expect(result.success.map((item) => imageTypeOf(bytesOf(item)))).toEqual([
			'image/png',
			'image/png',
		]);
		expect(result.success[0].json.url).toBeUndefined();
		expect(result.success[0].json.costUsd).toBe(0.02);
	});

	it('takes ten images of 1.5 MiB as base64 as it does by URL (a reply over 16 MiB)', async () => {
		const filler = 1.5 * 1024 * 1024;
		for (const delivery of ['url', 'b64_json']) {
			const result = await runImagine(fake, {
				parameters: imagineParameters('generateImage', { options: { n: 10, delivery } }),
				items: prompts(`big ones [bytes:${filler}]`),
				onError: 'continueErrorOutput',
			});
			expect(result.errors).toEqual([]);
			expect(result.success.map((item) => bytesOf(item).length > filler)).toEqual(
				Array(10).fill(true),
			);
		}
	});

	it('puts the file under the binary field asked for, keeping nothing of the input item', async () => {
		const result = await runImagine(fake, {
			parameters: imagineParameters('generateImage', { binaryPropertyName: 'picture' }),
			items: [{ json: { prompt: 'a kite', other: 1 } }],
		});
		expect(Object.keys(result.success[0].binary ?? {})).toEqual(['picture']);
		expect(result.success[0].json.other).toBeUndefined();
	});

	it('refuses bad input before any request, naming the item and the field', async () => {
		const result = await runImagine(fake, {
			parameters: imagineParameters('generateImage', { options: { n: '={{ $json.n }}' } }),
			items: [
				{ json: { prompt: '   ', n: 1 } },
				{ json: { prompt: 'fine', n: 11 } },
				{ json: { prompt: 'fine', n: 1.5 } },
				{ json: { prompt: { not: 'text' }, n: 1 } },
				{ json: { prompt: 'the one that goes', n: 1 } },
			],
			onError: 'continueErrorOutput',
		});
		expect(result.errors.map((item) => [item.pairedItem, errorOf(item).message])).toEqual([
			[{ item: 0 }, 'Item 0, Prompt: is empty: say what to make'],
			[{ item: 1 }, 'Item 1, Options › Number of Images: 11 is not a whole number from 1 to 10'],
			[{ item: 2 }, 'Item 2, Options › Number of Images: 1.5 is not a whole number from 1 to 10'],
			[{ item: 3 }, 'Item 3, Prompt: must be text, but the expression gave object'],
		]);
		expect(errorOf(result.errors[0]).description).toBe('Nothing was sent to xAI for this item');
		expect(imageRequests().map((r) => r.body.prompt)).toEqual(['the one that goes']);
		expect(result.success).toHaveLength(1);
	});

	it("routes a content-policy refusal to the error output with xAI's message and the advice to rephrase", async () => {
		const result = await runImagine(fake, {
			parameters: imagineParameters('generateImage'),
			items: prompts('ok one', 'forbidden [fail:403-policy]', 'ok two'),
			onError: 'continueErrorOutput',
		});
		expect(result.executionStatus).toBe('success');
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0].pairedItem).toEqual({ item: 1 });
		expect(errorOf(result.errors[0])).toMatchObject({
			message: expect.stringMatching(/^xAI error 403: Content violates usage guidelines/),
			description: expect.stringMatching(/rephrase/),
			status: 403,
		});
		expect(JSON.stringify(result.run)).not.toContain(API_KEY);
	});

	// The fake quotes the key as sent on [echo-key] and on a wrong key, as a careless proxy or
	// logging gateway would: only the node's redaction keeps it out.
	it.each(['generateImage', 'generateVideo'] as const)(
		'keeps the API key out of errors and run data when xAI quotes it back (%s)',
		async (operation) => {
			const parameters = imagineParameters(operation, { options: { maxRetries: 0 } });
			const result = await runImagine(fake, {
				parameters,
				items: prompts('leak [echo-key]'),
				onError: 'continueErrorOutput',
			});
			expect(fake.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
			expect(result.errors).toHaveLength(1);
			expect(errorOf(result.errors[0]).message).toBe('xAI error 401: Rejected Bearer ***');
			expect(JSON.stringify(result.run)).not.toContain(API_KEY);

			const wrongKey = 'bad-key-imagine-3d81f0';
			const wrong = await runImagine(fake, {
				parameters,
				items: prompts('a cat'),
				apiKey: wrongKey,
			});
			expect(wrong.error?.message).toBe(
				'xAI error 400: Incorrect API key provided: ***. You can obtain an API key from https://console.x.ai.',
			);
			expect(JSON.stringify(wrong.run)).not.toContain(wrongKey);
			expect(wrong.error?.stack ?? '').not.toContain(wrongKey);
		},
	);

	it('fails the item when xAI withholds the images under its moderation', async () => {
		const result = await runImagine(fake, {
			parameters: imagineParameters('generateImage', { options: { n: 2 } }),
			items: prompts('something [moderated]'),
			onError: 'continueErrorOutput',
		});
		expect(result.success).toEqual([]);
		expect(errorOf(result.errors[0])).toMatchObject({
			message: 'Item 0: xAI withheld the images under its content moderation',
			description: expect.stringMatching(/^Rephrase the prompt/),
		});
		expect(imagine.mediaRequests()).toEqual([]);
	});

	it('says the temporary URL may have expired when the file host answers 404', async () => {
		const result = await runImagine(fake, {
			parameters: imagineParameters('generateImage'),
			items: prompts('gone [media:404]'),
			onError: 'continueErrorOutput',
		});
		expect(errorOf(result.errors[0]).message).toMatch(
			/^xAI error 404: Downloading the file xAI made failed: 127\.0\.0\.1:\d+ answered 404 \(the temporary URL may have expired\)/,
		);
	});

	it('stops the workflow at a failure under "Stop Workflow"', async () => {
		const result = await runImagine(fake, {
			parameters: imagineParameters('generateImage'),
			items: prompts('[fail:500]'),
		});
		expect(result.executionStatus).toBe('error');
		expect(result.error?.message).toBe('xAI error 500: The service encountered an internal error.');
	});

	it('works on many items at once, keeping every image with its input item, in order', async () => {
		const texts = Array.from({ length: 24 }, (_, i) => `picture ${i}`);
		const result = await runImagine(fake, {
			parameters: imagineParameters('generateImage', { options: { n: 2, concurrency: 6 } }),
			items: prompts(...texts),
		});
		expect(result.success).toHaveLength(48);
		expect(result.success.map((item) => (item.pairedItem as { item: number }).item)).toEqual(
			texts.flatMap((_, i) => [i, i]),
		);
		result.success.forEach((item, index) => {
			const text = texts[Math.floor(index / 2)];
			expect(item.json.revisedPrompt).toBe(`A vivid picture of ${text}`);
			expect(bytesOf(item).toString('latin1')).toContain(`: ${text}`);
		});
		expect(imagine.mediaRequests()).toHaveLength(48);
	});

	it('retries a rate-limited request as xAI asks, then delivers', async () => {
		const result = await runImagine(fake, {
			parameters: imagineParameters('generateImage'),
			items: prompts('busy [fail:429:once]'),
		});
		expect(result.success).toHaveLength(1);
		expect(imageRequests()).toHaveLength(2);
		expect(imageRequests()[1].at - imageRequests()[0].at).toBeGreaterThanOrEqual(900);
	});
});
