/**
 * The package's media in n8n's filesystem binary data mode (the one queue mode needs): a Grok
 * Imagine video and Grok Voice speech go to disk while they are still arriving, never whole in
 * memory first, and a file cut off halfway fails its item instead of leaving half a file as a
 * success.
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { INodeExecutionData } from 'n8n-workflow';

import * as imagine from '../fake-xai/imagine';
import { holdHalfway } from '../fake-xai/largeFile';
import { useFakeXai } from '../helpers/fake-xai';
import { imagineParameters, prompts, runImagine } from './GrokImagine/run';
import { runVoice } from './GrokVoice/run-voice';

// imagine.reset() also lets go of the halfway gate of largeFile.js.
const fake = useFakeXai(undefined, () => imagine.reset());
const storage = mkdtempSync(join(tmpdir(), 'grok-binary-data-'));
const MIB = 1024 * 1024;
const FILLER = 8 * MIB;

beforeAll(async () => {
	process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
	process.env.N8N_BINARY_DATA_STORAGE_PATH = storage;
	await Container.get(BinaryDataService).init();
});

/** The files under `folder`, by name, with their sizes. */
function filesIn(folder: string): Map<string, number> {
	const files = new Map<string, number>();
	for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
		const stat = statSync(join(folder, name));
		if (stat.isFile()) files.set(name, stat.size);
	}
	return files;
}

/**
 * Waits until a file under `folder` that was not in `before` holds `bytes`, or `ms` pass; the
 * largest size of such a file seen.
 */
async function diskReaches(
	folder: string,
	before: Map<string, number>,
	bytes: number,
	ms: number,
): Promise<number> {
	const until = Date.now() + ms;
	for (;;) {
		const sizes = [...filesIn(folder)]
			.filter(([name]) => !before.has(name))
			.map(([, size]) => size);
		const size = Math.max(0, ...sizes);
		if (size >= bytes || Date.now() > until) return size;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

const makers = {
	'a Grok Imagine video': async (filler: number) =>
		await runImagine(fake(), {
			parameters: imagineParameters('generateVideo', {
				options: { pollInterval: 0.1, maxRetries: 0 },
			}),
			items: prompts(`a long river [bytes:${filler}]`),
			onError: 'continueErrorOutput',
		}),
	'Grok Voice speech': async (filler: number) =>
		await runVoice(fake(), {
			parameters: {
				operation: 'textToSpeech',
				text: `a long story [bytes:${filler}]`,
				options: { outputFormat: 'pcm', maxRetries: 0 },
			},
			items: [{ json: {} }],
			onError: 'continueErrorOutput',
		}),
};

const stored = async (item: INodeExecutionData) =>
	await Container.get(BinaryDataService).getAsBuffer(item.binary!.data);

describe.each(Object.entries(makers))("%s in n8n's filesystem binary data mode", (_, make) => {
	it('is written to disk while it is still arriving, and stored whole', async () => {
		let onDiskHalfway = 0;
		const before = filesIn(storage);
		holdHalfway(async () => {
			onDiskHalfway = await diskReaches(storage, before, MIB, 5000);
		});
		const result = await make(FILLER);

		expect(result.errors).toEqual([]);
		// Half of the file sent, the host waited: a whole MiB was already on disk.
		expect(onDiskHalfway).toBeGreaterThanOrEqual(MIB);
		const [item] = result.success;
		expect(item.binary?.data.id).toMatch(/^filesystem(-v2)?:/);
		const bytes = await stored(item);
		expect(bytes.length).toBeGreaterThan(FILLER);
		expect(bytes.length).toBeLessThan(FILLER + 4096);
	});

	it('fails its item when the file is cut off halfway', async () => {
		holdHalfway(async () => {
			throw new Error('the host goes away');
		});
		const result = await make(FILLER);

		expect(result.success).toEqual([]);
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0].pairedItem).toEqual({ item: 0 });
		expect((result.errors[0].json.error as { message: string }).message).toMatch(
			/connection|closed|terminated|lost/i,
		);
	});
});
