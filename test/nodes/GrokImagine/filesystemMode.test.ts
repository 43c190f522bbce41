/**
 * Grok Imagine with n8n's binary data on disk (filesystem mode, the one queue mode needs): a video
 * goes to disk while it is still arriving, never whole in memory first, and a download cut off
 * halfway fails its item instead of leaving half a video as a success.
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';

import * as imagine from '../../fake-xai/imagine';
import { errorOf, imagineParameters, prompts, runImagine, useFakeXai } from './run';

const fake = useFakeXai();
const storage = mkdtempSync(join(tmpdir(), 'grok-binary-data-'));
const MIB = 1024 * 1024;
const FILLER = 8 * MIB;

beforeAll(async () => {
	process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
	process.env.N8N_BINARY_DATA_STORAGE_PATH = storage;
	await Container.get(BinaryDataService).init();
});

/** The size of the largest file under `folder`. */
function largestFile(folder: string): number {
	return readdirSync(folder, { recursive: true, encoding: 'utf8' })
		.map((name) => statSync(join(folder, name)))
		.filter((stat) => stat.isFile())
		.reduce((most, stat) => Math.max(most, stat.size), 0);
}

/** Waits until a file under `folder` holds `bytes`, or `ms` pass; the largest size seen. */
async function diskReaches(folder: string, bytes: number, ms: number): Promise<number> {
	const until = Date.now() + ms;
	for (;;) {
		const size = largestFile(folder);
		if (size >= bytes || Date.now() > until) return size;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

const video = (prompt: string) =>
	runImagine(fake, {
		parameters: imagineParameters('generateVideo', {
			options: { pollInterval: 0.1, maxRetries: 0 },
		}),
		items: prompts(prompt),
		onError: 'continueErrorOutput',
	});

describe("Grok Imagine in n8n's filesystem binary data mode", () => {
	it('writes a video to disk while it is still arriving, and stores all of it', async () => {
		let onDiskHalfway = 0;
		imagine.holdHalfway(async () => {
			onDiskHalfway = await diskReaches(storage, MIB, 5000);
		});
		const result = await video(`a long river [bytes:${FILLER}]`);

		expect(result.errors).toEqual([]);
		// Half of the file sent, the host waited: a whole MiB was already on disk.
		expect(onDiskHalfway).toBeGreaterThanOrEqual(MIB);
		const [item] = result.success;
		const binary = item.binary!.data;
		expect(binary).toMatchObject({
			mimeType: 'video/mp4',
			fileExtension: 'mp4',
			id: expect.stringMatching(/^filesystem(-v2)?:/),
		});
		const stored = await Container.get(BinaryDataService).getAsBuffer(binary);
		expect(stored.subarray(4, 8).toString('latin1')).toBe('ftyp');
		expect(stored.toString('latin1', 0, 200)).toContain('video: a long river');
		expect(stored.length).toBeGreaterThan(FILLER);
		expect(item.json.mimeType).toBe('video/mp4');
	});

	it('fails the item when the file host cuts the video off halfway', async () => {
		imagine.holdHalfway(async () => {
			throw new Error('the file host goes away');
		});
		const result = await video(`a short river [bytes:${FILLER}]`);

		expect(result.success).toEqual([]);
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0].pairedItem).toEqual({ item: 0 });
		expect(errorOf(result.errors[0]).message).toMatch(/connection|closed|terminated|lost/i);
	});
});
