/**
 * Grok Chat Model's parameters as n8n's editor gets them: the model starts empty, so a new node
 * never carries a model ID that xAI may have retired; the user picks one from xAI's live list.
 */
import { LmChatGrok } from '../../../nodes/GrokChatModel/LmChatGrok.node';

const { properties } = new LmChatGrok().description;

describe("Grok Chat Model's parameters", () => {
	it('starts with an empty model, picked from the list', () => {
		const model = properties.find((property) => property.name === 'model');
		expect(model).toMatchObject({ type: 'resourceLocator', default: { mode: 'list', value: '' } });
		expect(model?.required).toBe(true);
	});

	it('names no model ID in any default', () => {
		expect(JSON.stringify(properties.map((property) => property.default))).not.toMatch(/grok-/);
	});
});
