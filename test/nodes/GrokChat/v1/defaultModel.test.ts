/**
 * Version 1's Model default (issue 20 #1). n8n leaves a parameter out of a saved workflow when it
 * equals its default, so a version 1 node that never changed the Model has none stored and runs
 * on the default. That default was `grok-4`, retired on 2026-05-15 (xAI answers it with grok-4.3,
 * its named replacement, at grok-4.3's price); it is now `grok-4.3`, so such a node sends the
 * model that answered it anyway, and the node names no retired ID.
 */
import { modelProperty } from '../../../../nodes/GrokChat/common/descriptions';
import { startHostile, type Hostile } from '../../../fake-xai/hostile';
import { runGrokChat } from '../../../helpers/run-node';
import { completion, sendJson } from '../xaiReplies';

let hostile: Hostile;
beforeAll(async () => {
	hostile = await startHostile();
});
afterAll(async () => await hostile.close());

const RETIRED = /^grok-(2|3|4$|4-0709|4-fast|4-1-fast|code-fast-1)/;

describe('version 1 saved without a Model', () => {
	it('sends grok-4.3, the model xAI answers the old default grok-4 with', async () => {
		hostile.answer((_req, res) => sendJson(res, completion({ content: 'Hi' })));
		const result = await runGrokChat({
			// As n8n saved it: no `model`, since it equalled the default.
			parameters: {
				messagesSource: 'define',
				messages: { values: [{ role: 'user', content: 'Hello' }] },
				options: { maxRetries: 0 },
			},
			version: 1,
			credentials: { apiKey: 'xai-Default-Model-Key-0123456789', baseUrl: hostile.url },
		});
		expect(result.success[0].json.content).toBe('Hi');
		expect((hostile.requests[0].body as { model: string }).model).toBe('grok-4.3');
	});

	it('names no retired model, as default or placeholder', () => {
		const { value } = modelProperty.default as { value: string };
		expect(value).not.toMatch(RETIRED);
		for (const mode of modelProperty.modes ?? []) {
			expect(String(mode.placeholder ?? '')).not.toMatch(/grok-(2|3|4\b(?!\.))/);
		}
	});
});
