import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { fakeSpeech, spokenText } from '../../fake-xai/voice';
import {
	API_KEY,
	audioItem,
	bytesOf,
	errorOf,
	requestsTo,
	runVoice,
	useFakeXai,
} from './run-voice';

const fake = useFakeXai();

const texts = (values: Array<string | number>): INodeExecutionData[] =>
	values.map((text) => ({ json: { text } }));
const speak = (extra: IDataObject = {}) => ({
	operation: 'textToSpeech',
	text: '={{ $json.text }}',
	...extra,
});

describe('Grok Voice: Text to Speech', () => {
	it("speaks each item's text into an MP3 file under `data`, paired with its item", async () => {
		const result = await runVoice(fake(), {
			parameters: speak(),
			items: texts(['Hello there', 'Your order has shipped']),
		});
		expect(result.executionStatus).toBe('success');
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.success.map((item) => spokenText(bytesOf(item)))).toEqual([
			'Hello there',
			'Your order has shipped',
		]);
		const [first] = result.success;
		expect(first.binary?.data).toMatchObject({
			mimeType: 'audio/mpeg',
			fileName: 'speech.mp3',
			fileExtension: 'mp3',
		});
		expect(first.json).toEqual({
			voice: 'eve',
			language: 'auto',
			format: 'mp3',
			mimeType: 'audio/mpeg',
			fileName: 'speech.mp3',
			fileSize: bytesOf(first).length,
			characters: 11,
		});
		const [request] = requestsTo(fake(), '/tts');
		expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
		// Only what was set is sent: xAI's defaults (MP3, 24 kHz, 128 kbps) apply.
		expect(request.body).toEqual({ text: 'Hello there', voice_id: 'eve', language: 'auto' });
	});

	it('sends the voice, language and output options as xAI names them, and names the file', async () => {
		const result = await runVoice(fake(), {
			parameters: speak({
				voice: {
					__rl: true,
					mode: 'list',
					value: 'support-desk',
					cachedResultName: 'Support Desk',
				},
				language: 'fr',
				binaryPropertyName: 'answer',
				options: {
					outputFormat: 'wav',
					sampleRate: 16000,
					speed: 1.2,
					textNormalization: true,
					fileName: 'reply.wav',
				},
			}),
			items: texts(['Bonjour à tous']),
		});
		const [item] = result.success;
		expect(requestsTo(fake(), '/tts')[0].body).toEqual({
			text: 'Bonjour à tous',
			voice_id: 'support-desk',
			language: 'fr',
			output_format: { codec: 'wav', sample_rate: 16000 },
			speed: 1.2,
			text_normalization: true,
		});
		expect(Object.keys(item.binary ?? {})).toEqual(['answer']);
		expect(item.binary?.answer).toMatchObject({ mimeType: 'audio/wav', fileName: 'reply.wav' });
		expect(bytesOf(item, 'answer').subarray(0, 4).toString()).toBe('RIFF');
		expect(spokenText(bytesOf(item, 'answer'))).toBe('Bonjour à tous');
	});

	it('with timestamps, decodes the base64 audio of the JSON reply and outputs duration and timings', async () => {
		const result = await runVoice(fake(), {
			parameters: speak({
				options: { includeTimestamps: true, outputFormat: 'mp3', bitRate: 64000 },
			}),
			items: texts(['Hi you']),
		});
		const [item] = result.success;
		expect(requestsTo(fake(), '/tts')[0].body).toMatchObject({
			with_timestamps: true,
			output_format: { codec: 'mp3', bit_rate: 64000 },
		});
		expect(spokenText(bytesOf(item))).toBe('Hi you');
		expect(item.json.duration).toBe(0.8);
		expect(item.json.timestamps).toEqual({
			characters: ['H', 'i', ' ', 'y', 'o', 'u'],
			times: expect.arrayContaining([[0, 0.133]]),
		});
	});

	it('fails bad input before any request, naming the item and the field; good items still speak', async () => {
		const result = await runVoice(fake(), {
			parameters: speak({
				options: {
					speed: '={{ $json.speed ?? 1 }}',
					outputFormat: '={{ $json.format ?? "mp3" }}',
					bitRate: '={{ $json.bitRate ?? 128000 }}',
					sampleRate: '={{ $json.sampleRate ?? 24000 }}',
				},
			}),
			onError: 'continueErrorOutput',
			items: [
				{ json: { text: 'fine' } },
				{ json: { text: '   ' } },
				{ json: { text: 'x'.repeat(15_001) } },
				{ json: { text: 'fast', speed: 2 } },
				{ json: { text: 'wav', format: 'wav', bitRate: 64000 } },
				{ json: { text: 'rate', sampleRate: 12345 } },
				{ json: { text: 42 } },
			],
		});
		expect(result.success.map((item) => spokenText(bytesOf(item)))).toEqual(['fine']);
		expect(result.errors.map((item) => [item.pairedItem, errorOf(item).message])).toEqual([
			[{ item: 1 }, 'Item 1, Text: is empty: there is nothing to say'],
			[
				{ item: 2 },
				'Item 2, Text: has 15001 characters; xAI speaks at most 15000 at once: split the text',
			],
			[{ item: 3 }, 'Item 3, Options › Speed: 2 is not a number from 0.7 to 1.5'],
			[{ item: 4 }, 'Item 4, Options › Bit Rate: applies to MP3 only, not wav'],
			[
				{ item: 5 },
				'Item 5, Options › Sample Rate: 12345 is not one of 8000, 16000, 22050, 24000, 44100, 48000',
			],
			[{ item: 6 }, 'Item 6, Text: must be text, but the expression gave number'],
		]);
		expect(errorOf(result.errors[0]).description).toBe('Nothing was sent to xAI for this item');
		expect(requestsTo(fake(), '/tts').map((r) => r.body.text)).toEqual(['fine']);
	});

	it("routes xAI's refusals to the error output with its message and a remedy, and retries a 429", async () => {
		const result = await runVoice(fake(), {
			parameters: speak({ voice: '={{ $json.voice ?? "eve" }}' }),
			onError: 'continueErrorOutput',
			items: [
				{ json: { text: 'blocked [fail:403-policy]' } },
				{ json: { text: 'busy [fail:429:once]' } },
				{ json: { text: 'who', voice: 'nobody' } },
			],
		});
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		const [policy, voice] = result.errors.map(errorOf);
		expect(policy).toMatchObject({
			status: 403,
			message: expect.stringMatching(/^xAI error 403: Content violates usage guidelines/),
			description: 'xAI blocked the content under its usage policy: rephrase the messages',
			itemIndex: 0,
		});
		expect(voice).toMatchObject({ status: 404, message: 'xAI error 404: Voice nobody not found' });
		expect(requestsTo(fake(), '/tts').filter((r) => r.body.text.startsWith('busy'))).toHaveLength(
			2,
		);
	});

	it('refuses a reply that is not audio (a proxy page answering 200)', async () => {
		const result = await runVoice(fake(), {
			parameters: speak(),
			onError: 'continueErrorOutput',
			items: texts(['hello [not-audio]']),
		});
		expect(errorOf(result.errors[0])).toMatchObject({
			message: 'Item 0: xAI answered with something that is not audio',
			rawReply: '<html><body>Welcome to our proxy</body></html>',
		});
	});

	it('keeps at most Concurrency requests in flight, and every item in its place', async () => {
		const result = await runVoice(fake(), {
			parameters: speak({ options: { concurrency: 3 } }),
			items: texts(Array.from({ length: 12 }, (_, i) => `item ${i} [delay:120]`)),
		});
		expect(result.success.map((item) => spokenText(bytesOf(item)))).toEqual(
			Array.from({ length: 12 }, (_, i) => `item ${i} [delay:120]`),
		);
		const arrivals = requestsTo(fake(), '/tts').map((r) => r.at);
		// A request is answered 120 ms after it arrives: no more than 3 may arrive within 100 ms.
		for (const at of arrivals) {
			expect(
				arrivals.filter((other) => other >= at && other < at + 100).length,
			).toBeLessThanOrEqual(3);
		}
	});

	it('stops the workflow at the first failure under "Stop Workflow"', async () => {
		const result = await runVoice(fake(), {
			parameters: speak(),
			items: texts(['ok', '']),
		});
		expect(result.executionStatus).toBe('error');
		expect(result.error?.message).toBe('Item 1, Text: is empty: there is nothing to say');
	});

	it('refuses to speak as an AI Agent tool, where the audio would go nowhere', async () => {
		const result = await runVoice(fake(), {
			parameters: speak(),
			nodeType: 'n8n-nodes-xai-grok.grokVoiceTool',
			onError: 'continueRegularOutput',
			items: texts(['hello']),
		});
		expect(errorOf(result.success[0]).message).toMatch(
			/^Item 0, Operation: Text to Speech cannot run as an AI Agent tool/,
		);
		expect(requestsTo(fake(), '/tts')).toHaveLength(0);
	});
});

// The fake quotes the key as sent on [echo-key] and on a wrong key, as a careless proxy or logging
// gateway would: only the node's redaction keeps it out.
describe('Grok Voice: the API key quoted back by xAI', () => {
	const WRONG_KEY = 'bad-key-voice-3e8d1f';
	const WRONG_KEY_MESSAGE =
		'xAI error 400: Incorrect API key provided: ***. You can obtain an API key from https://console.x.ai.';

	it('stays out of a Text to Speech error and the run', async () => {
		const result = await runVoice(fake(), {
			parameters: speak({ options: { maxRetries: 0 } }),
			items: texts(['fine', 'leak [echo-key]']),
			onError: 'continueErrorOutput',
		});
		expect(requestsTo(fake(), '/tts')[1].headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(result.success).toHaveLength(1);
		expect(result.errors.map((item) => errorOf(item).message)).toEqual([
			'xAI error 401: Rejected Bearer ***',
		]);
		expect(JSON.stringify(result.run)).not.toContain(API_KEY);
	});

	it.each([
		['Text to Speech', speak(), texts(['hi'])],
		['Transcribe', { operation: 'transcribe' }, [audioItem(fakeSpeech('hi'))]],
	])('stays out of a wrong-key error of %s', async (_, parameters, items) => {
		const result = await runVoice(fake(), { parameters, items, apiKey: WRONG_KEY });
		expect(fake().requests[0].headers.authorization).toBe(`Bearer ${WRONG_KEY}`);
		expect(result.error?.message).toBe(WRONG_KEY_MESSAGE);
		expect(JSON.stringify(result.run)).not.toContain(WRONG_KEY);
		expect(result.error?.stack ?? '').not.toContain(WRONG_KEY);
	});
});
