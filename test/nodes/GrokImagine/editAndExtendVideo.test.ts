import type { IDataObject } from 'n8n-workflow';

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

const FAST = { pollInterval: 0.1 };
const fake = useFakeXai();

/** A video made by the fake (Generate Video), its temporary URL as Edit and Extend get it. */
async function madeVideo(prompt: string, duration: number): Promise<{ json: IDataObject }> {
	const result = await runImagine(fake, {
		parameters: imagineParameters('generateVideo', { options: { ...FAST, duration } }),
		items: prompts(prompt),
	});
	const [item] = result.success;
	fake.reset();
	imagine.reset();
	return { json: { ...item.json, prompt: '' } };
}

const started = (path: string) => fake.requests.filter((r) => r.path === path).map((r) => r.body);

const fromVideo = (operation: 'editVideo' | 'extendVideo', extra: Record<string, unknown> = {}) =>
	imagineParameters(operation, {
		prompt: '={{ $json.next }}',
		...extra,
		options: { ...FAST, ...((extra.options as object) ?? {}) },
	});

describe('Grok Imagine: Edit Video', () => {
	it("sends the previous item's video URL and returns the edited video, as long as the source", async () => {
		const source = await madeVideo('a dog on a beach', 6);
		const result = await runImagine(fake, {
			parameters: fromVideo('editVideo'),
			items: [{ json: { ...source.json, next: 'give the dog a red scarf' } }],
		});
		expect(result.executionStatus).toBe('success');
		expect(started('/videos/edits')).toEqual([
			{
				model: 'grok-imagine-video',
				prompt: 'give the dog a red scarf',
				video: { url: source.json.url },
			},
		]);
		const [item] = result.success;
		expect(item.json).toMatchObject({ model: 'grok-imagine-video', duration: 6, costUsd: 0.3 });
		expect(item.json.url).not.toBe(source.json.url);
		expect(bytesOf(item).toString('latin1')).toContain(
			'edit of (video: a dog on a beach): give the dog a red scarf',
		);
		expect(item.pairedItem).toEqual({ item: 0 });
		// The key went to the API only: the file host saw none of it.
		for (const request of imagine.mediaRequests()) {
			expect(JSON.stringify(request.headers)).not.toContain(API_KEY);
		}
	});

	it("routes xAI's refusal of a source that is too long to the error output, with its message", async () => {
		const source = await madeVideo('a long take', 12);
		const result = await runImagine(fake, {
			parameters: fromVideo('editVideo'),
			items: [{ json: { ...source.json, next: 'make it night' } }],
			onError: 'continueErrorOutput',
		});
		expect(result.success).toEqual([]);
		expect(errorOf(result.errors[0])).toMatchObject({
			message: 'xAI error 400: The input video must be at most 8.7 seconds long, got 12.',
			status: 400,
		});
	});
});

describe('Grok Imagine: Extend Video', () => {
	it('continues the video by Duration seconds', async () => {
		const source = await madeVideo('a kite rising', 5);
		const result = await runImagine(fake, {
			parameters: fromVideo('extendVideo', { options: { duration: 4 } }),
			items: [{ json: { ...source.json, next: 'the string snaps' } }],
		});
		expect(started('/videos/extensions')).toEqual([
			{
				model: 'grok-imagine-video',
				prompt: 'the string snaps',
				video: { url: source.json.url },
				duration: 4,
			},
		]);
		const [item] = result.success;
		expect(item.json).toMatchObject({ duration: 9, mimeType: 'video/mp4' });
		expect(bytesOf(item).toString('latin1')).toContain(
			'extension of (video: a kite rising): the string snaps',
		);
	});

	it('takes a Duration of 1 s, and sends no user (the extension schema has none)', async () => {
		const source = await madeVideo('a kite rising', 5);
		const result = await runImagine(fake, {
			parameters: fromVideo('extendVideo', { options: { duration: 1, user: 'customer-7' } }),
			items: [{ json: { ...source.json, next: 'the string snaps' } }],
		});
		expect(started('/videos/extensions')).toEqual([
			{
				model: 'grok-imagine-video',
				prompt: 'the string snaps',
				video: { url: source.json.url },
				duration: 1,
			},
		]);
		expect(result.success[0].json).toMatchObject({ duration: 6 });
	});

	it('refuses bad input before starting a job, naming the item and the field', async () => {
		const source = await madeVideo('a wave', 5);
		const result = await runImagine(fake, {
			parameters: fromVideo('extendVideo', {
				videoUrl: '={{ $json.url }}',
				options: { duration: '={{ $json.seconds }}' },
			}),
			items: [
				{ json: { url: '', next: 'more', seconds: 4 } },
				{ json: { url: 'ftp://example.com/a.mp4', next: 'more', seconds: 4 } },
				{ json: { ...source.json, next: 'more', seconds: 12 } },
				{ json: { ...source.json, next: '', seconds: 4 } },
				{ json: { ...source.json, next: 'the wave breaks', seconds: 4 } },
			],
			onError: 'continueErrorOutput',
		});
		expect(result.errors.map((item) => errorOf(item).message)).toEqual([
			'Item 0, Video URL: is empty: give the URL of an MP4 video, such as the url of a Generate Video item',
			'Item 1, Video URL: "ftp://example.com/a.mp4" is not an http(s) URL: xAI downloads the video from it',
			'Item 2, Options › Duration: 12 is not a whole number from 1 to 10',
			'Item 3, Prompt: is empty: say what to make',
		]);
		expect(result.errors.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3].map((item) => ({ item })),
		);
		expect(started('/videos/extensions').map((body) => body.prompt)).toEqual(['the wave breaks']);
		expect(result.success).toHaveLength(1);
	});
});
