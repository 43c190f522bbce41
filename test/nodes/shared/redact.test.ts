/** The key never leaves in output items or log lines: one redactor for texts and for items. */
import { MASK, redactDeep, redactor, secretsOf } from '../../../nodes/shared/redact';

const KEY = 'xai-Redact+Secret/Key=0123456789';
const redact = redactor(secretsOf({ apiKey: ` ${KEY} \n` }));

describe('redaction', () => {
	it('masks the key in a bearer header, as pasted, anywhere in a text, and URL-encoded', () => {
		expect(redact(`Grok Imagine: item 0 started video Bearer ${KEY}`)).toBe(
			`Grok Imagine: item 0 started video Bearer ${MASK}`,
		);
		expect(redact(`id-${KEY}-${KEY}`)).toBe(`id-${MASK}-${MASK}`);
		expect(redact(`https://x/?k=${encodeURIComponent(KEY)}`)).toBe(`https://x/?k=${MASK}`);
	});

	it('masks every string of an output item, nested and in keys, and leaves the rest', () => {
		const bytes = Buffer.from(KEY);
		const item = {
			requestId: `Bearer ${KEY}`,
			fileName: `video-${KEY}.mp4`,
			nested: { list: [KEY, 1, true, null], [KEY]: 'x' },
			bytes,
		};
		const out = redactDeep(item, redact);
		expect(JSON.stringify({ ...out, bytes: undefined })).not.toContain('Redact+Secret');
		expect(out.requestId).toBe(`Bearer ${MASK}`);
		expect(out.nested.list).toEqual([MASK, 1, true, null]);
		expect(out.bytes).toBe(bytes);
	});
});
