/** The batch's cost as the fake xAI reports it (cost_breakdown.total_cost_usd_ticks). */
import type { IDataObject } from 'n8n-workflow';

import { useFakeXai } from '../../helpers/fake-xai';
import { chatParameters } from '../../helpers/run-node';
import { runBatch } from './run-batch';

const fakeXai = useFakeXai(undefined, (fake) =>
	Object.assign(fake.batches.settings, { polls: 4, ms: 0, expireMs: 24 * 60 * 60 * 1000 }),
);

const run = async (parameters: IDataObject, texts = ['x']) =>
	await runBatch(
		parameters,
		{ apiKey: 'xai-cost-key', baseUrl: fakeXai().url },
		texts.map((text) => ({ json: { text } })),
	);

it("reports the batch's cost so far on the status item", async () => {
	const submitted = await run({ operation: 'submit', ...chatParameters('={{ $json.text }}') }, [
		'a',
		'b',
		'c',
		'd',
	]);
	const batchId = submitted.success[0].json.batchId as string;
	const first = await run({ operation: 'getResults', batchId });
	expect(first.success[0].json).toMatchObject({ status: 'processing', succeeded: 1 });
	const batch = fakeXai().batches.batches.get(batchId)!;
	const ticks = batch.results[0].batch_result.response.chat_get_completion.usage.cost_in_usd_ticks;
	expect(ticks).toBeGreaterThan(0);
	expect(first.success[0].json.costUsd).toBe(ticks / 1e10);
});
