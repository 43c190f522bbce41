/**
 * Grok Chat against the fake xAI's real limiter (token buckets for requests per second and tokens
 * per minute, 429 with Retry-After in whole seconds): every item comes out, and once the node has
 * found the pace, few requests are refused. The speed itself is measured by `npm run bench`.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { chatParameters, runGrokChat } from '../../helpers/run-node';
import { useFakeXai } from '../../helpers/fake-xai';

const fake = useFakeXai({ latencyMs: 10 }, (server) => server.setRateLimit(undefined));

const questions = (count: number): INodeExecutionData[] =>
	Array.from({ length: count }, (_, i) => ({ json: { text: `question ${i}` } }));

async function run(count: number) {
	return await runGrokChat({
		parameters: chatParameters('={{ $json.text }}', {
			options: { concurrency: 16, maxRetries: 10 },
		}),
		items: questions(count),
		credentials: { apiKey: 'xai-rate', baseUrl: fake().url },
		onError: 'continueErrorOutput',
	});
}

const refused = () =>
	fake()
		.chatRequests()
		.filter((r) => r.fault === 'rate-limit').length;

describe('Grok Chat under a real rate limit', () => {
	it('answers every item and finds the pace: a few 429s, not one per request over the limit', async () => {
		// 3,000 a minute: 50 a second, while 16 at once at 10 ms could send over 1,000 a second.
		fake().setRateLimit({ rpm: 3000 });
		const result = await run(300);
		expect(result.success.map((item) => item.json.content)).toEqual(
			questions(300).map(({ json }) => `Grok reply to: ${json.text}`),
		);
		expect(result.errors).toHaveLength(0);
		// Unpaced, some 250 of the 300 would be refused at least once. Paced, the first 429 comes
		// after the limiter's full bucket (one second of requests) went out in a burst: those in
		// flight then are refused, and the node counts the young run's successes over its age plus
		// that second, which is the limiter's rate. 5 to 14 are refused on a quiet machine, 8 to 29
		// with two busy loops on its two cores (the fake shares the test's event loop, so a stall
		// bunches the requests it sees); before the bucket's second was counted, 12 to 26 and up to
		// 47. The bound keeps room for a loaded CI machine.
		expect(refused()).toBeLessThan(40);
	}, 60_000);

	it('is never refused where the rate-limit headers tell the limit', async () => {
		fake().setRateLimit({ rpm: 3000, headers: true });
		const result = await run(200);
		expect(result.success).toHaveLength(200);
		expect(refused()).toBe(0);
	}, 60_000);
});
