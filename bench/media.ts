/**
 * Row 8 of `npm run bench`: the memory one large video costs in n8n's filesystem binary data mode
 * (the one queue mode needs). Grok Imagine's Generate Video, which stores the file as it arrives,
 * against the same file read whole and then stored, as the node did before. Each run is a fresh
 * child process (`measureMediaMemory`); the fake xAI and its file host run in the parent.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';

import { GrokImagine } from '../nodes/GrokImagine/GrokImagine.node';
import type { FakeXai } from '../test/fake-xai/server';
import { runGrokChat } from '../test/helpers/run-node';
import { imagineNode } from '../test/nodes/GrokImagine/run';

const MB = 1024 * 1024;
const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const prompt = (bytes: number) => `a long river [bytes:${bytes}] [polls:0]`;

/** A finished video job of the fake, made with plain requests: its file's temporary URL. */
async function videoUrl(fake: FakeXai, apiKey: string, bytes: number): Promise<string> {
	const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
	const started = await fetch(`${fake.url}/videos/generations`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ model: 'grok-imagine-video', prompt: prompt(bytes) }),
	});
	const { request_id: id } = (await started.json()) as { request_id: string };
	const done = await fetch(`${fake.url}/videos/${id}`, { headers });
	return ((await done.json()) as { video: { url: string } }).video.url;
}

export interface MediaMemory {
	sizeMb: number;
	runs: number;
	/** Median peak RSS growth, in MB. */
	nodeMb: number;
	wholeMb: number;
}

/** Median peak RSS growth over `runs` fresh processes each, for the node and the baseline. */
export async function mediaMemory(
	benchFile: string,
	fake: FakeXai,
	apiKey: string,
	bytes: number,
	runs: number,
): Promise<MediaMemory> {
	const url = await videoUrl(fake, apiKey, bytes);
	const measure = async (what: 'node' | 'whole') =>
		await new Promise<number>((resolve, reject) => {
			execFile(
				process.execPath,
				['--expose-gc', benchFile, 'media', what, String(bytes), fake.url, apiKey, url],
				{ maxBuffer: 1 << 24 },
				(error, stdout) =>
					error
						? reject(error)
						: resolve(JSON.parse(stdout.trim().split('\n').pop()!).growthMb as number),
			);
		});
	const node: number[] = [];
	const whole: number[] = [];
	for (let run = 0; run < runs; run++) {
		node.push(await measure('node'));
		whole.push(await measure('whole'));
	}
	return { sizeMb: bytes / MB, runs, nodeMb: median(node), wholeMb: median(whole) };
}

/** Runs in the child process: one video stored in filesystem mode, its peak RSS growth printed. */
export async function measureMediaMemory(
	what: string,
	bytes: number,
	baseUrl: string,
	apiKey: string,
	url: string,
) {
	const storage = mkdtempSync(join(tmpdir(), 'grok-bench-binary-'));
	process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
	process.env.N8N_BINARY_DATA_STORAGE_PATH = storage;
	const binaryData = Container.get(BinaryDataService);
	await binaryData.init();
	const gc = (globalThis as { gc?: () => void }).gc!;
	gc();
	const before = process.memoryUsage().rss;
	let peak = before;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
	try {
		if (what === 'node') {
			const parameters = {
				operation: 'generateVideo',
				model: { __rl: true, mode: 'id', value: 'grok-imagine-video' },
				prompt: prompt(bytes),
				options: { pollInterval: 0.1, timeout: 600_000 },
			};
			const { success, error } = await runGrokChat({
				node: { type: new GrokImagine(), node: imagineNode(parameters) },
				credentials: { apiKey, baseUrl },
				parameters,
			});
			const id = success[0]?.binary?.data?.id;
			if (!id?.startsWith('filesystem')) throw new Error(`not stored on disk: ${error?.message}`);
		} else {
			// What the node did before: the whole body read into memory, then stored.
			const response = await fetch(url);
			const chunks: Uint8Array[] = [];
			for await (const chunk of response.body!) chunks.push(chunk as Uint8Array);
			const file = Buffer.concat(chunks);
			await binaryData.store({ type: 'execution', workflowId: 'bench', executionId: '1' }, file, {
				mimeType: 'video/mp4',
				fileName: 'video.mp4',
				data: '',
			});
			if (file.length < bytes) throw new Error('video cut short');
		}
	} finally {
		peak = Math.max(peak, process.memoryUsage().rss);
		clearInterval(sampler);
		rmSync(storage, { recursive: true, force: true });
	}
	console.log(JSON.stringify({ growthMb: (peak - before) / MB }));
}
