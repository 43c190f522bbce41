/**
 * The Grok Chat models of the shipped examples (issue 20 #1): none is an ID xAI retired, and each
 * is one the fake xAI knows, so an example run against the fake reaches a model.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { useFakeXai } from '../../helpers/fake-xai';

const EXAMPLES = [
	'grok-chat-example.json',
	'grok-chat-conversation.json',
	'grok-chat-stored-conversation.json',
	'grok-voice-example.json',
];
const RETIRED = /^grok-(2|3|4$|4-0709|4-fast|4-1-fast|code-fast-1|imagine-image-pro)/;

interface WorkflowNode {
	type: string;
	parameters: { model?: { value?: string } };
}

function chatModels(file: string): string[] {
	const text = readFileSync(join(__dirname, '../../../examples', file), 'utf8');
	const { nodes } = JSON.parse(text) as { nodes: WorkflowNode[] };
	return nodes
		.filter((node) => node.type === 'n8n-nodes-xai-grok.grokChat')
		.map((node) => String(node.parameters.model?.value));
}

const fake = useFakeXai();

describe.each(EXAMPLES)('%s', (file) => {
	it('uses current model IDs the fake xAI knows', async () => {
		const models = chatModels(file);
		expect(models.length).toBeGreaterThan(0);
		const listed = (await (
			await fetch(`${fake().url}/models`, { headers: { authorization: 'Bearer xai-examples' } })
		).json()) as {
			data: Array<{ id: string }>;
		};
		const known = listed.data.map(({ id }) => id);
		for (const model of models) {
			expect(model).not.toMatch(RETIRED);
			expect(known).toContain(model);
		}
	});
});
