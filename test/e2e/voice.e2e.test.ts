/**
 * Grok Voice in real n8n 1.x and 2.x, installed from the packed tarball, against the fake xAI:
 * text becomes an audio file and the file becomes the same text again; a file that is not audio
 * and a refused text go to the error outputs.
 */
import type { FakeXai } from '../fake-xai/server';
import { type N8nHost, packPackage, VERSIONS } from '../../scripts/lib/n8n-host';
import { outputs, startHostWithFake, task, type RawRun } from './run-data';

const CANARY_KEY = 'xai-e2e-canary-7c41d9';
const errorOf = (item: { json: Record<string, any> }) => item.json.error as Record<string, any>;

let tarball: string;
beforeAll(() => {
	tarball = packPackage();
});

describe.each(VERSIONS)('Grok Voice in real n8n $version', (version) => {
	let fake: FakeXai;
	let n8n: N8nHost;
	let run: RawRun;

	beforeAll(async () => {
		({ fake, n8n } = await startHostWithFake(version, tarball, ['voice']));
		run = await n8n.execute('grokE2eVoice');
	}, 900_000);

	afterAll(async () => {
		await n8n?.stop();
		await fake?.close();
	});

	it('speaks each text into a WAV file, as binary data n8n keeps', () => {
		expect(task(run, 'Speak').executionStatus).toBe('success');
		const [spoken] = outputs(run, 'Speak');
		expect(spoken.map((item) => item.json)).toEqual([
			expect.objectContaining({
				voice: 'ara',
				format: 'wav',
				mimeType: 'audio/wav',
				fileName: 'speech.wav',
			}),
			expect.objectContaining({ voice: 'ara', format: 'wav', mimeType: 'audio/wav' }),
		]);
		const sent = fake.requests.filter((r) => r.path === '/tts').map((r) => r.body);
		expect(sent[0]).toEqual({
			text: 'Your parcel arrives on Monday',
			voice_id: 'ara',
			language: 'auto',
			output_format: { codec: 'wav', sample_rate: 16000 },
		});
	});

	it('transcribes the speech back into the same text (text -> speech -> text)', () => {
		const [heard, failed] = outputs(run, 'Listen');
		expect(failed).toEqual([]);
		expect(heard.map((item) => item.json.text)).toEqual([
			'Your parcel arrives on Monday',
			'Ça marche, à demain',
		]);
		expect(heard.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(heard[0].json.words).toHaveLength(5);
		const uploads = fake.requests.filter((r) => r.path === '/stt');
		expect(uploads.map((r) => r.headers['content-type'])).toEqual([
			expect.stringMatching(/^multipart\/form-data; boundary=/),
			expect.stringMatching(/^multipart\/form-data; boundary=/),
		]);
		expect(uploads[0].form?.file).toMatchObject({
			filename: 'audio.wav',
			contentType: 'audio/wav',
		});
	});

	it("sends xAI's refusal of a text to Speak's error output", () => {
		const [, refused] = outputs(run, 'Speak');
		expect(refused.map((item) => [item.pairedItem, errorOf(item).status])).toEqual([
			[{ item: 2 }, 403],
			[{ item: 3 }, 401],
		]);
		expect(errorOf(refused[0]).message).toMatch(
			/^xAI error 403: Content violates usage guidelines/,
		);
	});

	it('sends a file that is not audio to the error output, without asking xAI', () => {
		expect(task(run, 'Listen Bad File').executionStatus).toBe('success');
		const [ok, failed] = outputs(run, 'Listen Bad File');
		expect(ok).toEqual([]);
		expect(failed).toHaveLength(1);
		expect(errorOf(failed[0]).message).toMatch(
			/^Item 0, Input Binary Field: binary property "data" is not an audio file xAI can read \(its first bytes are 89504e47\)/,
		);
		expect(fake.requests.filter((r) => r.path === '/stt')).toHaveLength(2);
	});

	it('never shows the API key in the run data, though the fake quoted it back', () => {
		// "leak [echo-key]": the fake's error quotes the Authorization header, as a careless proxy would.
		const echoed = fake.requests.find(
			(r) => r.path === '/tts' && r.body?.text === 'leak [echo-key]',
		);
		expect(echoed?.headers.authorization).toBe(`Bearer ${CANARY_KEY}`);
		expect(errorOf(outputs(run, 'Speak')[1][1]).message).toBe('xAI error 401: Rejected Bearer ***');
		expect(JSON.stringify(run)).not.toContain(CANARY_KEY);
	});
});
