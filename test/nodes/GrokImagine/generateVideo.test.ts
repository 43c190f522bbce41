import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

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

const PNG = readFileSync(join(__dirname, '../../e2e/fixtures/red-pixel.png'));
const FAST = { pollInterval: 0.1 };

const fake = useFakeXai();
// The node logs through n8n's Logger (ctx.logger): a stand-in records what it says.
const info = jest.fn();
const debug = jest.fn();
beforeAll(() => {
	const stub: Record<string, unknown> = { info, debug };
	const logger = new Proxy(stub, {
		get: (target, name: string) => (target[name] ??= name === 'scoped' ? () => logger : jest.fn()),
	});
	Container.set(Logger, logger as unknown as Logger);
});
beforeEach(() => {
	info.mockClear();
	debug.mockClear();
});

const starts = () => fake.requests.filter((r) => r.path === '/videos/generations');
const polls = () =>
	fake.requests.filter((r) => /^\/videos\/[^/]+$/.test(r.path) && r.method === 'GET');

const video = (extra: Record<string, unknown> = {}) =>
	imagineParameters('generateVideo', { ...extra, options: { ...FAST, ...(extra.options ?? {}) } });

describe('Grok Imagine: Generate Video', () => {
	it('starts the job, polls it to completion and returns the video as binary data', async () => {
		const result = await runImagine(fake, {
			parameters: video({ options: { duration: 6, resolution: '480p', aspectRatio: '9:16' } }),
			items: prompts('a kite over a beach'),
		});
		expect(result.executionStatus).toBe('success');
		expect(starts().map((r) => r.body)).toEqual([
			{
				model: 'grok-imagine-video',
				prompt: 'a kite over a beach',
				duration: 6,
				resolution: '480p',
				aspect_ratio: '9:16',
			},
		]);
		const [item] = result.success;
		const [requestId] = imagine.videoRequestIds();
		expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
		// Pending twice (a 202 with no body, then a 202 with progress), then done.
		expect(polls().map((r) => r.path)).toEqual(Array(3).fill(`/videos/${requestId}`));
		expect(item.json).toEqual({
			model: 'grok-imagine-video',
			requestId,
			url: expect.stringMatching(new RegExp(`/files/xai-video-${requestId}\\.mp4$`)),
			duration: 6,
			costUsd: 0.3,
			mimeType: 'video/mp4',
		});
		expect(item.binary?.data).toMatchObject({
			mimeType: 'video/mp4',
			fileName: `${requestId}.mp4`,
		});
		expect(bytesOf(item).subarray(4, 8).toString('latin1')).toBe('ftyp');
		expect(item.pairedItem).toEqual({ item: 0 });
		const logged = (spy: jest.Mock) => spy.mock.calls.map(([message]) => String(message));
		expect(logged(info)).toEqual([
			`Grok Imagine: item 0 started video ${requestId}`,
			expect.stringMatching(new RegExp(`video ${requestId} is done \\(100%\\) after \\d+ s$`)),
		]);
		expect(logged(debug)).toEqual([
			expect.stringMatching(new RegExp(`video ${requestId} is pending after \\d+ s$`)),
			expect.stringMatching(new RegExp(`video ${requestId} is pending \\(67%\\) after \\d+ s$`)),
		]);
		const [download] = imagine.mediaRequests();
		expect(download.headers.authorization).toBeUndefined();
		expect(JSON.stringify(download.headers)).not.toContain(API_KEY);
	});

	it('starts from an image of the input item (image-to-video), without an aspect ratio', async () => {
		const result = await runImagine(fake, {
			parameters: video({
				startFromImage: true,
				imageBinaryProperty: 'frame',
				options: { aspectRatio: '16:9' },
			}),
			items: [
				{
					json: { prompt: '' },
					binary: { frame: { data: PNG.toString('base64'), mimeType: 'image/png' } },
				},
			],
		});
		expect(result.success).toHaveLength(1);
		expect(starts()[0].body).toEqual({
			model: 'grok-imagine-video',
			prompt: '',
			image: { url: `data:image/png;base64,${PNG.toString('base64')}` },
		});
	});

	it.each([
		[
			'[video:failed]',
			'Item 0: xAI could not make the video: The video could not be rendered.',
			/^Try again/,
		],
		[
			'[video:expired]',
			'Item 0: The video request expired at xAI before the video was made',
			/^Try again/,
		],
		[
			'[moderated]',
			'Item 0: xAI withheld the video under its content moderation',
			/^Rephrase the prompt/,
		],
	])('fails the item when the job ends so: %s', async (directive, message, remedy) => {
		const result = await runImagine(fake, {
			parameters: video(),
			items: prompts(`a scene ${directive}`),
			onError: 'continueErrorOutput',
		});
		expect(result.success).toEqual([]);
		expect(errorOf(result.errors[0])).toMatchObject({
			message,
			description: expect.stringMatching(remedy),
			requestId: imagine.videoRequestIds()[0],
		});
		expect(imagine.mediaRequests()).toEqual([]);
	});

	it('gives up after Max Wait, naming the request', async () => {
		const started = Date.now();
		const result = await runImagine(fake, {
			parameters: video({ options: { maxWait: 1, pollInterval: 0.3 } }),
			items: prompts('a slow one [polls:1000]'),
			onError: 'continueErrorOutput',
		});
		const error = errorOf(result.errors[0]);
		const [requestId] = imagine.videoRequestIds();
		expect(error.message).toBe(
			`Item 0: The video was not ready after 1 s (Max Wait); xAI request ID ${requestId}`,
		);
		expect(error.requestId).toBe(requestId);
		expect(error.description).toMatch(/Raise Options › Max Wait/);
		expect(Date.now() - started).toBeLessThan(3000);
		// One second at 0.3 s apart: three polls, or two on a loaded machine, never just the first.
		expect(polls().length).toBeGreaterThanOrEqual(2);
	});

	it('stops polling when the execution is cancelled', async () => {
		let cancelledAt = 0;
		const watcher: { timer?: NodeJS.Timeout } = {};
		const result = await runImagine(fake, {
			parameters: video({ options: { concurrency: 4 } }),
			items: prompts('one [polls:1000]', 'two [polls:1000]', 'three [polls:1000]'),
			onError: 'continueErrorOutput',
			onStart: (execution) => {
				watcher.timer = setInterval(() => {
					if (polls().length >= 6 && !cancelledAt) {
						cancelledAt = Date.now();
						execution.cancel();
					}
				}, 5);
			},
		});
		clearInterval(watcher.timer);
		await new Promise((done) => setTimeout(done, 400)); // a poll still coming would arrive now
		expect(cancelledAt).toBeGreaterThan(0);
		// A poll sent just before the cancel may arrive a little later on a loaded machine; without
		// the cancel, polls would go on arriving for seconds.
		expect(polls().filter((r) => r.at > cancelledAt + 100)).toEqual([]);
		expect(result.success).toEqual([]);
	});

	it('refuses bad input before starting a job', async () => {
		const result = await runImagine(fake, {
			parameters: video({ options: { duration: '={{ $json.duration }}', ...FAST } }),
			items: [
				{ json: { prompt: 'too long', duration: 20 } },
				{ json: { prompt: '', duration: 5 } },
				{ json: { prompt: 'fine', duration: 5 } },
			],
			onError: 'continueErrorOutput',
		});
		expect(result.errors.map((item) => errorOf(item).message)).toEqual([
			'Item 0, Options › Duration: 20 is not a whole number from 1 to 15',
			'Item 1, Prompt: is empty: say what to make',
		]);
		expect(starts().map((r) => r.body.prompt)).toEqual(['fine']);
	});

	it('routes a refused start (403 content policy) to the error output', async () => {
		const result = await runImagine(fake, {
			parameters: video(),
			items: prompts('forbidden [fail:403-policy]'),
			onError: 'continueErrorOutput',
		});
		expect(errorOf(result.errors[0])).toMatchObject({
			status: 403,
			description: 'xAI blocked the content under its usage policy: rephrase the prompt',
		});
		expect(polls()).toEqual([]);
	});

	it('makes many videos at once, each item waiting for its own job', async () => {
		const texts = Array.from({ length: 10 }, (_, i) => `clip ${i}`);
		const result = await runImagine(fake, {
			parameters: video({ options: { concurrency: 5 } }),
			items: prompts(...texts),
		});
		expect(result.success.map((item) => item.pairedItem)).toEqual(
			texts.map((_, item) => ({ item })),
		);
		result.success.forEach((item, index) => {
			expect(bytesOf(item).toString('latin1')).toContain(`video: ${texts[index]}`);
		});
		expect(new Set(result.success.map((item) => item.json.requestId))).toEqual(
			new Set(imagine.videoRequestIds()),
		);
		expect(imagine.videoRequestIds()).toHaveLength(10);
		expect(polls()).toHaveLength(30);
	});
});
