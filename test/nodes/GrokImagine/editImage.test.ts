import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import { imageTypeOf } from '../../../nodes/shared/images';
import { bytesOf, errorOf, imagineParameters, runImagine, useFakeXai } from './run';

const PNG = readFileSync(join(__dirname, '../../e2e/fixtures/red-pixel.png'));
const pngUrl = `data:image/png;base64,${PNG.toString('base64')}`;

const fake = useFakeXai();

const editRequests = () => fake.requests.filter((r) => r.path === '/images/edits');

const withImages = (
	prompt: string,
	binary: Record<string, Buffer | string>,
): INodeExecutionData => ({
	json: { prompt },
	binary: Object.fromEntries(
		Object.entries(binary).map(([name, data]) => [
			name,
			{
				data: Buffer.from(data).toString('base64'),
				mimeType: typeof data === 'string' ? 'text/plain' : 'image/png',
				fileName: `${name}.png`,
			},
		]),
	),
});

describe('Grok Imagine: Edit Image', () => {
	it("sends the input item's image as a data URL and returns the edited image as binary data", async () => {
		const result = await runImagine(fake, {
			parameters: imagineParameters('editImage'),
			items: [withImages('make the sky stormy', { data: PNG })],
		});
		expect(result.executionStatus).toBe('success');
		expect(editRequests().map((r) => r.body)).toEqual([
			{
				model: 'grok-imagine-image',
				prompt: 'make the sky stormy',
				n: 1,
				response_format: 'url',
				image: { url: pngUrl, type: 'image_url' },
			},
		]);
		const [item] = result.success;
		expect(imageTypeOf(bytesOf(item))).toBe('image/png');
		expect(bytesOf(item).toString('latin1')).toContain('edit of 1 1: make the sky stormy');
		expect(item.json).toMatchObject({
			revisedPrompt: 'Edited: make the sky stormy',
			costUsd: 0.02,
		});
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('combines several images named by commas, in that order', async () => {
		await runImagine(fake, {
			parameters: imagineParameters('editImage', {
				imageBinaryProperty: 'person, hat',
				options: { aspectRatio: '1:1' },
			}),
			items: [withImages('put <IMAGE_1> on <IMAGE_0>', { hat: PNG, person: PNG })],
		});
		const [request] = editRequests();
		expect(request.body.image).toBeUndefined();
		expect(request.body.images).toEqual([
			{ url: pngUrl, type: 'image_url' },
			{ url: pngUrl, type: 'image_url' },
		]);
		expect(request.body.aspect_ratio).toBe('1:1');
	});

	it('takes a WebP image, sends no aspect_ratio for one image, and refuses a fourth image', async () => {
		const webp = Buffer.concat([
			Buffer.from('RIFF'),
			Buffer.from([30, 0, 0, 0]),
			Buffer.from('WEBPVP8L'),
			Buffer.alloc(22, 1),
		]);
		const four = { a: PNG, b: PNG, c: PNG, d: PNG };
		const result = await runImagine(fake, {
			parameters: imagineParameters('editImage', {
				imageBinaryProperty: '={{ $json.fields }}',
				options: { aspectRatio: '1:1' },
			}),
			items: [
				{
					json: { prompt: 'a webp', fields: 'photo' },
					binary: { photo: { data: webp.toString('base64'), mimeType: 'image/webp' } },
				},
				{ ...withImages('four', four), json: { prompt: 'four', fields: 'a, b, c, d' } },
			],
			onError: 'continueErrorOutput',
		});
		expect(result.errors.map((item) => errorOf(item).message)).toEqual([
			'Item 1, Input Binary Field: xAI edits at most 3 images at once, and 4 fields are named',
		]);
		expect(editRequests().map((r) => r.body)).toEqual([
			{
				model: 'grok-imagine-image',
				prompt: 'a webp',
				n: 1,
				response_format: 'url',
				image: { url: `data:image/webp;base64,${webp.toString('base64')}`, type: 'image_url' },
			},
		]);
	});

	it('refuses a missing or non-image binary field before any request', async () => {
		const result = await runImagine(fake, {
			parameters: imagineParameters('editImage', { imageBinaryProperty: 'photo' }),
			items: [
				withImages('no such field', { data: PNG }),
				withImages('not an image', { photo: 'hello, I am text' }),
				{ json: { prompt: 'no binary at all' } },
				withImages('fine', { photo: PNG }),
			],
			onError: 'continueErrorOutput',
		});
		expect(result.errors.map((item) => errorOf(item).message)).toEqual([
			'Item 0, Input Binary Field: the input item has no binary field "photo" (it has "data")',
			'Item 1, Input Binary Field: binary property "photo" is not a JPG, PNG or WebP image (it says text/plain); xAI takes JPG, PNG or WebP images only',
			'Item 2, Input Binary Field: the input item has no binary field "photo" (it has none)',
		]);
		expect(editRequests().map((r) => r.body.prompt)).toEqual(['fine']);
		expect(result.success).toHaveLength(1);
	});
});
