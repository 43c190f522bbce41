/**
 * Grok Imagine's two ways of receiving images, measured against the fake xAI: temporary URLs
 * (a small JSON reply, then one GET per image on the file host) against base64 in the reply.
 * Run: npx tsc -p tsconfig.bench.json && node .bench-build/bench/imagine-delivery.js
 * Prints, per way, the bytes that crossed the wire and the median time of a 4-image item.
 */
// n8n-core keeps its settings in N8N_USER_FOLDER: a throw-away one, as in the tests.
import '../test/setup-env';
import { GrokImagine } from '../nodes/GrokImagine/GrokImagine.node';
import * as imagine from '../test/fake-xai/imagine';
import { startFakeXai } from '../test/fake-xai/server';
import { runGrokChat } from '../test/helpers/run-node';
import { imagineNode } from '../test/nodes/GrokImagine/run';

const IMAGE_BYTES = Number(process.env.IMAGE_BYTES ?? 300_000);
const RUNS = 15;

async function main() {
	const fake = await startFakeXai();
	const implementation = new GrokImagine();
	const measure = async (delivery: 'url' | 'b64_json') => {
		const times: number[] = [];
		let wire = 0;
		for (let run = 0; run < RUNS; run++) {
			fake.reset();
			imagine.reset();
			const started = process.hrtime.bigint();
			const parameters = {
				operation: 'generateImage',
				model: { __rl: true, mode: 'id', value: 'grok-imagine-image' },
				prompt: `four boats [bytes:${IMAGE_BYTES}]`,
				options: { n: 4, delivery },
			};
			const result = await runGrokChat({
				node: { type: implementation, node: imagineNode(parameters) },
				credentials: { apiKey: 'xai-bench', baseUrl: fake.url },
				parameters,
			});
			times.push(Number(process.hrtime.bigint() - started) / 1e6);
			if (result.success.length !== 4) throw new Error(JSON.stringify(result.error));
			const replies = await Promise.all(
				result.success.map(async (item) => {
					const url = item.json.url as string | undefined;
					return url ? (await (await fetch(url)).arrayBuffer()).byteLength : 0;
				}),
			);
			// The API reply's size: the same request again, read raw.
			const reply = await fetch(`${fake.url}/images/generations`, {
				method: 'POST',
				headers: { authorization: 'Bearer xai-bench', 'content-type': 'application/json' },
				body: JSON.stringify({
					model: 'grok-imagine-image',
					prompt: `four boats [bytes:${IMAGE_BYTES}]`,
					n: 4,
					response_format: delivery,
				}),
			});
			wire = (await reply.arrayBuffer()).byteLength + replies.reduce((a, b) => a + b, 0);
		}
		times.sort((a, b) => a - b);
		return { delivery, wireBytes: wire, medianMs: times[Math.floor(RUNS / 2)].toFixed(1) };
	};
	await measure('url'); // warm-up
	console.log(JSON.stringify([await measure('url'), await measure('b64_json')], null, 1));
	await fake.close();
	process.exit(0);
}

void main();
