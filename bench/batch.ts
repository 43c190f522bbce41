/**
 * The batch path against plain concurrency, for `npm run bench`: the same 1,000 items through
 * Grok Chat (concurrency 8, each reply taking `latencyMs`) and through Grok Batch (Submit, then
 * Get Results until the fake's batch is done), with the cost of each from the fake's usage figures.
 * The batch's wall time here is the node's own work (building, uploading, collecting): xAI's
 * processing time, minutes to hours, is not the fake's to imitate.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { USD_TICKS } from '../nodes/shared/cost';
// The fake's price list, which its batches discount.
import { fullPriceTicks } from '../test/fake-xai/batch';
import type { FakeXai } from '../test/fake-xai/server';
import { chatParameters, runGrokChat } from '../test/helpers/run-node';
import { runBatch } from '../test/nodes/GrokBatch/run-batch';

export interface PathFigures {
	ms: number;
	requestsPerMinute: number;
	costPer1000Usd: number;
	httpRequests: number;
}

export async function batchVsConcurrency(
	fake: FakeXai,
	apiKey: string,
	count: number,
	latencyMs: number,
): Promise<{ plain: PathFigures; batch: PathFigures & { polls: number } }> {
	const input: INodeExecutionData[] = Array.from({ length: count }, (_, i) => ({
		json: { text: `classify row ${i}` },
	}));
	const credentials = { apiKey, baseUrl: fake.url };
	const parameters = chatParameters('={{ $json.text }}', {});
	const perThousand = (usd: number) => (usd / count) * 1000;

	fake.latencyMs = latencyMs;
	fake.reset();
	let started = performance.now();
	const plainRun = await runGrokChat({ parameters, items: input, credentials });
	const plainMs = performance.now() - started;
	const plainUsd =
		plainRun.success.reduce((sum, item) => sum + fullPriceTicks(item.json.usage), 0) / USD_TICKS;
	const plain = {
		ms: plainMs,
		requestsPerMinute: plainRun.success.length / (plainMs / 60_000),
		costPer1000Usd: perThousand(plainUsd),
		httpRequests: fake.requests.length,
	};

	// The fake answers a batch's lines one by one, after their latency each: not the node's time.
	fake.latencyMs = 0;
	fake.reset();
	started = performance.now();
	const submitted = await runBatch({ operation: 'submit', ...parameters }, credentials, input);
	let polls = 0;
	let collected = submitted;
	do {
		polls++;
		collected = await runBatch({ operation: 'getResults' }, credentials, submitted.success);
	} while (collected.success[0]?.json.status === 'processing');
	const batchMs = performance.now() - started;
	if (collected.success.length !== count) throw new Error('batch results lost');
	const batchUsd = collected.success.reduce((sum, item) => sum + Number(item.json.costUsd), 0);
	return {
		plain,
		batch: {
			ms: batchMs,
			requestsPerMinute: collected.success.length / (batchMs / 60_000),
			costPer1000Usd: perThousand(batchUsd),
			httpRequests: fake.requests.length,
			polls,
		},
	};
}
