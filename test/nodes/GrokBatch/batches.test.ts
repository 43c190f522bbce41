/** Grok Batch's pure pieces: the JSONL it uploads. */
import { toJsonl } from '../../../nodes/GrokBatch/helpers/batches';

describe('toJsonl', () => {
	it('writes U+2028, U+2029 and NEL escaped, and the lines still read back as the same requests', () => {
		const text = 'a\u2028b\u2029c\u0085d';
		const jsonl = toJsonl([
			{ itemIndex: 0, body: { model: 'grok-4.3', messages: [{ role: 'user', content: text }] } },
			{ itemIndex: 3, body: { model: 'grok-4.3', messages: [{ role: 'user', content: 'x' }] } },
		]);
		expect(jsonl).not.toMatch(/[\u0085\u2028\u2029]/);
		expect(jsonl).toContain('a\\u2028b\\u2029c\\u0085d');
		const lines = jsonl.split('\n').map((line) => JSON.parse(line));
		expect(lines.map((line) => line.custom_id)).toEqual(['item-0', 'item-3']);
		expect(lines[0].body.messages[0].content).toBe(text);
	});
});
