/**
 * Token usage reaches n8n's own accounting where the host has it (n8n-workflow's
 * accumulateTokenUsage, n8n 2.x): here n8n-workflow is given one, as n8n 2.x's has.
 */
const accumulateTokenUsage = jest.fn();
jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), accumulateTokenUsage }));

import { chatParameters, runGrokChat } from '../../helpers/run-node';
import { useFakeXai } from '../../helpers/fake-xai';

const fake = useFakeXai();

beforeEach(() => accumulateTokenUsage.mockClear());

const run = async (version: number) =>
	await runGrokChat({
		parameters: chatParameters('={{ $json.text }}'),
		items: [{ json: { text: 'one' } }, { json: { text: 'two two' } }],
		credentials: { apiKey: 'xai-usage', baseUrl: fake().url },
		version,
	});

describe("n8n's token accounting", () => {
	it.each([1, 2])(
		'gets the input and output tokens of each reply of Grok Chat version %i',
		async (version) => {
			const { success } = await run(version);
			const usage = success.map((item) => item.json.usage as Record<string, number>);
			const expected = usage.map((u) => [
				u.prompt_tokens ?? u.input_tokens,
				u.completion_tokens ?? u.output_tokens,
			]);
			expect(expected.flat().every((n) => n > 0)).toBe(true);
			const reported = accumulateTokenUsage.mock.calls.map(([, input, output]) => [input, output]);
			expect(reported.sort()).toEqual(expected.sort());
			expect(accumulateTokenUsage).toHaveBeenCalledTimes(2);
		},
	);
});
