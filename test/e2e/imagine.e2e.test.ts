/**
 * Grok Imagine in real n8n processes, 1.x and 2.x, installed from the packed tarball like a
 * community package, against the fake xAI (whose files live on a second origin): two images from
 * one prompt written to disk by the next node, an image read from a file and edited, a video of
 * 20 MB polled to completion, stored as it arrives in n8n's filesystem binary data mode (the one
 * queue mode needs), written to disk and extended (its URL taken by the Video URL default), a
 * refusal on the error output.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as imagine from '../fake-xai/imagine';
import { startFakeXai, type FakeXai } from '../fake-xai/server';
import { N8nHost, packPackage, ROOT, VERSIONS } from '../../scripts/lib/n8n-host';
import { credentialsFor, outputs, readExample, readWorkflow, task, type RawRun } from './run-data';

const CANARY_KEY = 'xai-e2e-canary-7c41d9';
const FIXTURES = join(ROOT, 'test/e2e/fixtures');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The video's filler (its prompt's [bytes:N]), after the fake's short MP4 head. */
const VIDEO_FILLER = 20_000_000;

let tarball: string;
beforeAll(() => {
	tarball = packPackage();
});

describe.each(VERSIONS)('Grok Imagine in real n8n $version', (version) => {
	let fake: FakeXai;
	let n8n: N8nHost;
	let run: RawRun;
	let example: RawRun;
	// What the first run left in the fake's and the file host's records, so the example's are apart.
	let requestsOfRun = 0;
	let downloadsOfRun = 0;
	const out = mkdtempSync(join(tmpdir(), 'grok-imagine-out-'));

	beforeAll(async () => {
		fake = await startFakeXai();
		imagine.reset();
		n8n = new N8nHost(version, {
			env: {
				N8N_RESTRICT_FILE_ACCESS_TO: `${FIXTURES};${out}`,
				N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
			},
		});
		await n8n.install(tarball);
		await n8n.import('credentials', credentialsFor(fake.url));
		await n8n.import('workflow', readWorkflow('imagine', { FIXTURES, OUT: out }));
		await n8n.import('workflow', readExample('grok-imagine-example.json'));
		run = await n8n.execute('grokE2eImagine');
		requestsOfRun = fake.requests.length;
		downloadsOfRun = imagine.mediaRequests().length;
		example = await n8n.execute('grokImagineExample');
	}, 900_000);

	afterAll(async () => {
		await n8n?.stop();
		await fake?.close();
	});

	it('makes two images from one prompt, which the next node writes to disk as PNG files', () => {
		expect(run.data.resultData.error).toBeUndefined();
		const [images] = outputs(run, 'Imagine Two Images');
		expect(images).toHaveLength(2);
		expect(images.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(images.map((item) => item.json)).toEqual(
			[1, 2].map(() => ({
				model: 'grok-imagine-image',
				revisedPrompt: 'A vivid picture of two boats on a lake',
				url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/files\//),
				costUsd: 0.02,
				mimeType: 'image/png',
			})),
		);
		const binaries = images.map((item) => (item as { binary?: Record<string, any> }).binary?.data);
		expect(binaries.map((b) => [b?.mimeType, b?.fileName])).toEqual([
			['image/png', 'grok-imagine-1.png'],
			['image/png', 'grok-imagine-2.png'],
		]);
		expect(task(run, 'Write Images').executionStatus).toBe('success');
		expect(
			readdirSync(out)
				.filter((name) => name.endsWith('.png'))
				.sort(),
		).toEqual(['boat-1.png', 'boat-2.png']);
		[1, 2].forEach((n) => {
			const bytes = readFileSync(join(out, `boat-${n}.png`));
			expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
			expect(bytes.toString('latin1')).toContain(`image ${n}: two boats on a lake`);
		});
		const sent = fake.requests.find((r) => r.path === '/images/generations')!;
		expect(sent.body).toEqual({
			model: 'grok-imagine-image',
			prompt: 'two boats on a lake',
			n: 2,
			response_format: 'url',
			aspect_ratio: '16:9',
		});
	});

	it('edits an image read from a file, sent as a data URL', () => {
		const [[edited]] = outputs(run, 'Imagine Edit');
		const binary = (edited as { binary?: Record<string, any> }).binary;
		expect(Object.keys(binary ?? {})).toEqual(['edited']);
		expect(binary?.edited.mimeType).toBe('image/png');
		expect(edited.json.revisedPrompt).toBe('Edited: paint the pixel blue');
		const sent = fake.requests.find((r) => r.path === '/images/edits')!;
		const png = readFileSync(join(FIXTURES, 'red-pixel.png')).toString('base64');
		expect(sent.body.image).toEqual({ url: `data:image/png;base64,${png}`, type: 'image_url' });
	});

	it('polls a video to completion, stores it on disk as binary data, and the next node writes it out', () => {
		const [[video]] = outputs(run, 'Imagine Video');
		const requestId = video.json.requestId as string;
		expect(video.json).toMatchObject({ model: 'grok-imagine-video', duration: 3, costUsd: 0.15 });
		const polls = fake.requests.filter((r) => r.path === `/videos/${requestId}`);
		expect(polls).toHaveLength(3);
		// In filesystem mode n8n keeps a reference to the file it wrote, not the bytes.
		const binary = (video as { binary?: Record<string, any> }).binary?.data;
		expect(binary).toMatchObject({
			mimeType: 'video/mp4',
			id: expect.stringMatching(/^filesystem(-v2)?:/),
		});
		const bytes = readFileSync(join(out, 'boat.mp4'));
		expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
		expect(bytes.toString('latin1', 0, 200)).toContain('video: a paper boat drifting');
		expect(bytes.length).toBeGreaterThan(VIDEO_FILLER);
	});

	it("extends the video from the previous item's URL (the Video URL default)", () => {
		const [[video]] = outputs(run, 'Imagine Video');
		const [[extended]] = outputs(run, 'Imagine Extend');
		const sent = fake.requests.find((r) => r.path === '/videos/extensions')!;
		expect(sent.body).toEqual({
			model: 'grok-imagine-video',
			prompt: 'the boat reaches the shore',
			video: { url: video.json.url },
			duration: 2,
		});
		expect(extended.json).toMatchObject({ duration: 5, mimeType: 'video/mp4' });
		expect(extended.pairedItem).toEqual({ item: 0 });
		const binary = (extended as { binary?: Record<string, any> }).binary?.data;
		expect(binary?.mimeType).toBe('video/mp4');
	});

	it('routes a content-policy refusal to the error output with the advice to rephrase', () => {
		expect(task(run, 'Imagine Refusal').executionStatus).toBe('success');
		const [success, failed] = outputs(run, 'Imagine Refusal');
		expect(success).toEqual([]);
		expect(failed[0].json.error).toMatchObject({
			status: 403,
			message: expect.stringMatching(/^xAI error 403: Content violates usage guidelines/),
			description: 'xAI blocked the content under its usage policy: rephrase the prompt',
		});
	});

	it('never sends the API key to the file host, nor shows it in the run data', () => {
		const downloads = imagine.mediaRequests().slice(0, downloadsOfRun);
		expect(downloads).toHaveLength(5); // two images, the edit, the video, its extension
		for (const { headers } of downloads) {
			expect(headers.authorization).toBeUndefined();
			expect(JSON.stringify(headers)).not.toContain(CANARY_KEY);
		}
		// "leak [echo-key]": the fake's error quotes the Authorization header, as a careless proxy would.
		const echoed = fake.requests.find((r) => r.body?.prompt === 'leak [echo-key]');
		expect(echoed?.headers.authorization).toBe(`Bearer ${CANARY_KEY}`);
		expect(outputs(run, 'Imagine Echo Key')[1][0].json.error).toMatchObject({
			message: 'xAI error 401: Rejected Bearer ***',
		});
		expect(JSON.stringify(run)).not.toContain(CANARY_KEY);
	});

	it('runs the README example as shipped: pictures, a teaser and its extension per product', () => {
		expect(example.data.resultData.error).toBeUndefined();
		expect(JSON.stringify(example)).not.toContain(CANARY_KEY);
		const [pictures] = outputs(example, 'Product Pictures');
		expect(pictures).toHaveLength(4); // two products, two pictures each
		const [teasers] = outputs(example, 'Product Teaser');
		const [longer] = outputs(example, 'Longer Teaser');
		expect(teasers.map((item) => item.json.duration)).toEqual([6, 6]);
		expect(longer.map((item) => item.json.duration)).toEqual([10, 10]);
		expect(longer.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const prompts = fake.requests
			.slice(requestsOfRun)
			.filter((r) => r.path === '/videos/extensions')
			.map((r) => r.body.prompt)
			.sort();
		expect(prompts).toEqual([
			'The camera pulls back to show the Drift sneakers in a bright showroom',
			'The camera pulls back to show the Lumen desk lamp in a bright showroom',
		]);
	});
});
