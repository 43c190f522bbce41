/**
 * Grok Chat Model behind n8n's Chat Trigger, in real n8n 2.x with the packed package, against the
 * fake xAI: a conversation posted as n8n's chat widget posts it (`POST /webhook/<id>/chat`,
 * `action: 'sendMessage'`, `chatInput`, `sessionId`), each answer streamed to the client as Grok
 * writes it, and n8n's Simple Memory carrying the first turn into the second turn's request.
 */
import type { FakeXai } from '../fake-xai/server';
import { type N8nHost, packPackage, VERSIONS } from '../../scripts/lib/n8n-host';
import { startHostWithFake } from './run-data';

const CHAT_URL = '/webhook/8d2f6a1e-5b3c-4e7d-9f0a-1b2c3d4e5f60/chat';

interface Chunk {
	type: string;
	content?: string;
	/** When the client had the chunk, in ms since the request went out. */
	at: number;
}

/** Posts one chat message and reads the streamed reply line by line, as the chat widget does. */
async function sendMessage(n8n: N8nHost, sessionId: string, chatInput: string) {
	let response: Response | undefined;
	const sent = Date.now();
	// n8n 2.x may answer 404 for a moment after start, while it registers the webhook.
	for (let attempt = 0; attempt < 20 && (response?.status ?? 404) === 404; attempt++) {
		if (attempt) await new Promise((done) => setTimeout(done, 500));
		response = await fetch(`${n8n.url}${CHAT_URL}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ action: 'sendMessage', sessionId, chatInput }),
		});
	}
	expect(response!.status).toBe(200);
	const chunks: Chunk[] = [];
	const decoder = new TextDecoder();
	let pending = '';
	for await (const bytes of response!.body as unknown as AsyncIterable<Uint8Array>) {
		pending += decoder.decode(bytes, { stream: true });
		const lines = pending.split('\n');
		pending = lines.pop() ?? '';
		for (const line of lines.filter((text) => text.trim()))
			chunks.push({ ...JSON.parse(line), at: Date.now() - sent });
	}
	if (pending.trim()) chunks.push({ ...JSON.parse(pending), at: Date.now() - sent });
	return chunks;
}

const text = (chunks: Chunk[]) =>
	chunks
		.filter((chunk) => chunk.type === 'item')
		.map((chunk) => chunk.content)
		.join('');

let tarball: string;
beforeAll(() => {
	tarball = packPackage();
});

for (const version of VERSIONS.filter((host) => host.major >= 2)) {
	describe(`Grok Chat Model behind n8n's Chat Trigger in real n8n ${version.version}`, () => {
		const state = {} as { fake: FakeXai; n8n: N8nHost };
		beforeAll(async () => {
			Object.assign(state, await startHostWithFake(version, tarball, ['agent-model-chat']));
			await state.n8n.activate('grokE2eModelChat');
			await state.n8n.start();
		}, 900_000);
		afterAll(async () => {
			await state.n8n?.stop();
			await state.fake?.close();
		});

		it("streams each answer to the chat client in pieces, and the memory carries the first turn into the second's request", async () => {
			const sessionId = 'grok-chat-e2e-session-1';
			const first = await sendMessage(state.n8n, sessionId, 'My name is Ada. [pace:80]');
			const items = first.filter((chunk) => chunk.type === 'item');
			expect(items.length).toBeGreaterThan(3);
			expect(text(first)).toBe('Grok reply to: My name is Ada.');
			// The client had Grok's first words well before its last: streamed, not sent at the end.
			const end = first.filter((chunk) => chunk.type === 'end').pop() ?? first[first.length - 1];
			expect(end.at - items[0].at).toBeGreaterThan(200);
			expect(items.filter((chunk) => chunk.at < end.at - 100).length).toBeGreaterThan(1);

			const second = await sendMessage(state.n8n, sessionId, 'What is my name? [pace:20]');
			expect(text(second)).toBe('Grok reply to: What is my name?');
			const requests = state.fake.responsesRequests().map((request) => request.body);
			expect(requests.map((body) => body.stream)).toEqual([true, true]);
			const turn = (item: { role?: string; content?: unknown }) =>
				`${item.role}: ${typeof item.content === 'string' ? item.content : JSON.stringify(item.content)}`;
			expect(requests[0].input.map(turn)).toEqual([
				expect.stringMatching(/^user: .*My name is Ada\. \[pace:80\]/),
			]);
			expect(requests[1].input.map(turn)).toEqual([
				expect.stringMatching(/^user: .*My name is Ada\. \[pace:80\]/),
				expect.stringMatching(/^assistant: .*Grok reply to: My name is Ada\./),
				expect.stringMatching(/^user: .*What is my name\? \[pace:20\]/),
			]);
		});

		it("keeps another session's conversation apart", async () => {
			await sendMessage(state.n8n, 'grok-chat-e2e-session-2', 'Hello again');
			const [last] = state.fake.responsesRequests().slice(-1);
			expect(last.body.input).toHaveLength(1);
			expect(JSON.stringify(last.body.input)).not.toContain('Ada');
		});
	});
}
