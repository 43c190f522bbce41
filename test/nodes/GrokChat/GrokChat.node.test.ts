import { startFakeXai, type FakeXai } from '../../fake-xai/server';
import { chatParameters, runGrokChat } from '../../helpers/run-node';

let fake: FakeXai;
beforeAll(async () => {
	fake = await startFakeXai();
});
afterAll(async () => await fake.close());
beforeEach(() => fake.reset());

const credentials = () => ({ apiKey: 'xai-test-key', baseUrl: fake.url });

describe('Grok Chat in a workflow', () => {
	it('answers one item', async () => {
		const result = await runGrokChat({
			parameters: chatParameters('Hello'),
			items: [{ json: { a: 1 } }],
			credentials: credentials(),
		});
		console.log(JSON.stringify(result.run.data.resultData.error), result.run.data.resultData.error?.stack);
		expect(result.error).toBeUndefined();
		expect(result.success.map((i) => i.json.content)).toEqual(['Grok reply to: Hello']);
	});
});
