import type { IDataObject } from 'n8n-workflow';

import { fakeSpeech } from '../../fake-xai/voice';
import { audioItem, errorOf, requestsTo, runVoice, useFakeXai } from './run-voice';

const fake = useFakeXai();

const transcribe = (extra: IDataObject = {}) => ({ operation: 'transcribe', ...extra });
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
// The first page of an Ogg/Opus stream, as a Telegram voice note begins.
const OGG_OPUS = Buffer.concat([
	Buffer.from('OggS', 'latin1'),
	Buffer.from([0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 1, 19]),
	Buffer.from('OpusHead', 'latin1'),
	Buffer.alloc(400),
]);

describe('Grok Voice: Transcribe', () => {
	it('uploads the audio as multipart/form-data, the file last, and outputs the text', async () => {
		const result = await runVoice(fake(), {
			parameters: transcribe({ options: { language: 'en', formatText: true } }),
			items: [audioItem(fakeSpeech('Hello from Grok Voice'), 'data', 'audio/mpeg', { chat: 7 })],
		});
		expect(result.executionStatus).toBe('success');
		expect(result.success).toEqual([
			{ json: { text: 'Hello from Grok Voice', duration: 1.6 }, pairedItem: { item: 0 } },
		]);
		const [request] = requestsTo(fake(), '/stt');
		expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=\S+$/);
		expect(request.form).toEqual({
			fields: { language: 'en', format: 'true' },
			names: ['language', 'format', 'file'],
			file: {
				filename: 'audio.mp3',
				contentType: 'audio/mpeg',
				size: fakeSpeech('Hello from Grok Voice').length,
			},
		});
	});

	it('gets the same text back from speech the node made (text -> speech -> text)', async () => {
		const texts = ['Your parcel arrives on Monday', 'Ça marche, à demain'];
		const spoken = await runVoice(fake(), {
			parameters: {
				operation: 'textToSpeech',
				text: '={{ $json.text }}',
				options: { outputFormat: 'wav' },
			},
			items: texts.map((text) => ({ json: { text } })),
		});
		const heard = await runVoice(fake(), {
			parameters: transcribe(),
			items: spoken.success.map(({ json, binary }) => ({ json, binary })),
		});
		expect(heard.success.map((item) => item.json.text)).toEqual(texts);
		expect(requestsTo(fake(), '/stt').map((r) => r.form?.file?.contentType)).toEqual([
			'audio/wav',
			'audio/wav',
		]);
	});

	it('takes a Telegram voice note (OGG/Opus) as it comes, whatever mime type it claims', async () => {
		const result = await runVoice(fake(), {
			parameters: transcribe({ audioBinaryProperty: 'voice' }),
			items: [audioItem(OGG_OPUS, 'voice', 'application/octet-stream')],
		});
		expect(result.success[0].json.text).toBe(
			`(fake transcript of ${OGG_OPUS.length} bytes of ogg audio)`,
		);
		expect(requestsTo(fake(), '/stt')[0].form?.file).toMatchObject({
			filename: 'audio.ogg',
			contentType: 'audio/ogg',
		});
	});

	it('sends the options as form fields and outputs words with speakers when asked', async () => {
		const result = await runVoice(fake(), {
			parameters: transcribe({
				options: { diarize: true, fillerWords: true, keyterms: 'Grok, n8n ,', multichannel: true },
			}),
			items: [audioItem(fakeSpeech('Hi Grok'))],
		});
		expect(requestsTo(fake(), '/stt')[0].form?.names).toEqual([
			'multichannel',
			'diarize',
			'filler_words',
			'keyterm',
			'keyterm',
			'file',
		]);
		expect(requestsTo(fake(), '/stt')[0].form?.fields.keyterm).toEqual(['Grok', 'n8n']);
		expect(result.success[0].json).toEqual({
			text: 'Hi Grok',
			duration: 0.8,
			words: [
				{ text: 'Hi', start: 0, end: 0.36, speaker: 0 },
				{ text: 'Grok', start: 0.4, end: 0.76, speaker: 1 },
			],
			channels: [expect.objectContaining({ index: 0, text: 'Hi Grok' })],
		});
	});

	it('sends raw audio with its format and sample rate', async () => {
		const result = await runVoice(fake(), {
			parameters: transcribe({ options: { rawAudioFormat: 'mulaw', sampleRate: 8000 } }),
			items: [audioItem(fakeSpeech('raw call audio', 'mulaw'), 'data', 'application/octet-stream')],
		});
		expect(result.success[0].json.text).toBe('raw call audio');
		expect(requestsTo(fake(), '/stt')[0].form).toMatchObject({
			fields: { audio_format: 'mulaw', sample_rate: '8000' },
			file: { filename: 'audio.mulaw' },
		});
	});

	it('lets xAI download the audio from a URL', async () => {
		const result = await runVoice(fake(), {
			parameters: transcribe({ audioSource: 'url', audioUrl: '={{ $json.url }}' }),
			items: [{ json: { url: 'https://example.com/call.mp3' } }],
		});
		expect(result.success[0].json.text).toBe('(fake transcript of https://example.com/call.mp3)');
		expect(requestsTo(fake(), '/stt')[0].form).toEqual({
			fields: { url: 'https://example.com/call.mp3' },
			names: ['url'],
		});
	});

	it('fails bad audio and options before any request, naming the item and the field', async () => {
		const result = await runVoice(fake(), {
			parameters: transcribe({
				options: {
					language: '={{ $json.language ?? "" }}',
					formatText: '={{ $json.format ?? false }}',
					keyterms: '={{ $json.keyterms ?? "" }}',
				},
			}),
			onError: 'continueErrorOutput',
			items: [
				audioItem(fakeSpeech('good one')),
				audioItem(PNG, 'data', 'audio/mpeg'),
				audioItem(fakeSpeech('elsewhere'), 'other'),
				{ json: {} },
				audioItem(Buffer.alloc(0)),
				audioItem(fakeSpeech('no language'), 'data', 'audio/mpeg', { format: true }),
				audioItem(fakeSpeech('many terms'), 'data', 'audio/mpeg', {
					keyterms: Array.from({ length: 101 }, (_, i) => `t${i}`).join(','),
				}),
				audioItem(fakeSpeech('odd language'), 'data', 'audio/mpeg', { language: 'English!' }),
			],
		});
		expect(result.success.map((item) => item.json.text)).toEqual(['good one']);
		expect(result.errors.map((item) => [item.pairedItem, errorOf(item).message])).toEqual([
			[
				{ item: 1 },
				'Item 1, Input Binary Field: binary property "data" is not an audio file xAI can read (its first bytes are 89504e47); xAI takes MP3, WAV, OGG (Opus or Vorbis), FLAC, AAC, MP4/M4A or Matroska/WebM, or raw PCM, µ-law or A-law with Options › Raw Audio Format',
			],
			[
				{ item: 2 },
				'Item 2, Input Binary Field: the input item has no binary property "data" (it has "other")',
			],
			[
				{ item: 3 },
				'Item 3, Input Binary Field: the input item has no binary property "data" (it has none)',
			],
			[{ item: 4 }, 'Item 4, Input Binary Field: binary property "data" is empty'],
			[
				{ item: 5 },
				'Item 5, Options › Format Numbers: needs Options › Language: xAI formats numbers in a given language only',
			],
			[{ item: 6 }, 'Item 6, Options › Key Terms: has 101 terms; xAI takes at most 100'],
			[
				{ item: 7 },
				'Item 7, Options › Language: "English!" is not a language code such as en or fr',
			],
		]);
		expect(requestsTo(fake(), '/stt')).toHaveLength(1);
	});

	it('refuses a container file sent as raw audio, and raw audio without a sample rate', async () => {
		const result = await runVoice(fake(), {
			parameters: transcribe({
				options: { rawAudioFormat: 'pcm', sampleRate: '={{ $json.rate ?? 16000 }}' },
			}),
			onError: 'continueErrorOutput',
			items: [
				audioItem(fakeSpeech('a wav', 'wav'), 'data', 'audio/wav'),
				audioItem(fakeSpeech('raw', 'pcm'), 'data', 'audio/pcm', { rate: 11025 }),
			],
		});
		expect(result.errors.map((item) => errorOf(item).message)).toEqual([
			'Item 0, Options › Raw Audio Format: binary property "data" is a WAV file, which xAI recognises by itself: remove this option',
			'Item 1, Options › Sample Rate: raw audio needs one of 8000, 16000, 22050, 24000, 44100, 48000 Hz, not 11025',
		]);
		expect(requestsTo(fake(), '/stt')).toHaveLength(0);
	});

	it("routes xAI's errors to the error output and retries a server error", async () => {
		const result = await runVoice(fake(), {
			parameters: transcribe(),
			onError: 'continueErrorOutput',
			items: [
				audioItem(fakeSpeech('blocked [fail:403-policy]')),
				audioItem(fakeSpeech('flaky [fail:500:once]')),
			],
		});
		expect(result.success).toEqual([
			{ json: { text: 'flaky', duration: 0.4 }, pairedItem: { item: 1 } },
		]);
		expect(errorOf(result.errors[0])).toMatchObject({
			status: 403,
			message: expect.stringMatching(/^xAI error 403: Content violates usage guidelines/),
		});
		expect(requestsTo(fake(), '/stt')).toHaveLength(3);
	});

	it('transcribes many items concurrently, each back in its place', async () => {
		const spoken = Array.from({ length: 16 }, (_, i) => `note number ${i} [delay:60]`);
		const result = await runVoice(fake(), {
			parameters: transcribe({ options: { concurrency: 4 } }),
			items: spoken.map((text) => audioItem(fakeSpeech(text, 'wav', 8000), 'data', 'audio/wav')),
		});
		expect(result.success.map((item) => item.json.text)).toEqual(
			spoken.map((text) => text.replace(' [delay:60]', '')),
		);
		expect(result.success.map((item) => item.pairedItem)).toEqual(
			spoken.map((_, item) => ({ item })),
		);
		expect(result.success[0].binary).toBeUndefined();
	});
});
