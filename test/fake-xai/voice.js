'use strict';
/**
 * xAI's voice endpoints for the fake xAI server: POST /v1/tts (speech), GET /v1/tts/voices and
 * POST /v1/stt (transcription of a multipart upload). server.js owns the HTTP server and the key
 * checks and hands every request to handle(), which answers those paths and returns true.
 *
 * The fake's speech is not sound: the audio it makes carries its text, so that transcribing it
 * gives the text back (a round trip text -> speech -> text). fakeSpeech(text, codec) builds such
 * audio for tests: an MP3 (an ID3 tag holding the text, then an MPEG frame header), a WAV
 * (RIFF/WAVE with a fmt chunk, a "xait" chunk holding the text, and silence as long as the
 * speech would last) or raw samples (pcm, mulaw, alaw) with the text inside. Speech lasts 0.4 s
 * a word.
 *
 * REAL SHAPES (vercel/ai packages/xai/src/xai-speech-model.ts, xai-transcription-model.ts and
 * __fixtures__/xai-transcription-diarization.json; docs.x.ai voice pages):
 * - POST /tts {text (at most 15,000 characters), voice_id, language (required, BCP-47 or auto),
 *   output_format {codec mp3|wav|pcm|mulaw|alaw, sample_rate, bit_rate (mp3 only)}, speed,
 *   text_normalization, optimize_streaming_latency, with_timestamps}: raw audio bytes, or with
 *   with_timestamps a JSON envelope {audio (base64), content_type, duration,
 *   audio_timestamps {graph_chars, graph_times [[start, end]]}}.
 * - GET /tts/voices: {voices: [{voice_id, name}]}; the documented voices are eve, ara, rex, sal,
 *   leo. The fake adds one more voice, "support-desk" (as a custom voice might appear; unverified).
 * - POST /stt, multipart/form-data: options (language, format, diarize, filler_words, keyterm
 *   repeated, multichannel, channels, audio_format + sample_rate for raw audio), then `file` as
 *   the last field, or `url`. Reply {text, language, duration, words [{text, start, end,
 *   speaker?}], channels? (multichannel)}. No cost field is documented for either endpoint.
 * Error messages are plausible; xAI's exact words for these endpoints are unknown.
 *
 * Directives in the text spoken (TTS) or carried by the audio (STT): [fail:<kind>],
 * [fail:<kind>:once], [hang], [delay:ms], and for TTS [not-audio] (a 200 with an HTML page) and
 * [bytes:N] (N more bytes after the audio, made while they are sent: largeFile.js).
 * Options: voiceList: false makes GET /tts/voices a 404 (a proxy that does not list voices).
 */
const MARK = 'FAKE-SPEECH:';
const SECONDS_PER_WORD = 0.4;
const CODECS = {
	mp3: 'audio/mpeg',
	wav: 'audio/wav',
	pcm: 'audio/pcm',
	mulaw: 'audio/basic',
	alaw: 'audio/alaw',
};
const SAMPLE_RATES = [8000, 16000, 22050, 24000, 44100, 48000];
const VOICES = [
	{ voice_id: 'eve', name: 'Eve' },
	{ voice_id: 'ara', name: 'Ara' },
	{ voice_id: 'rex', name: 'Rex' },
	{ voice_id: 'sal', name: 'Sal' },
	{ voice_id: 'leo', name: 'Leo' },
	{ voice_id: 'support-desk', name: 'Support Desk' },
];
const { serveLarge } = require('./largeFile');

const DIRECTIVES = /\s*\[(fail|delay|hang|not-audio|bytes)(:[^\]]*)?\]\s*/g;

const durationOf = (text) =>
	Math.round(text.split(/\s+/).filter(Boolean).length * SECONDS_PER_WORD * 100) / 100;

/** Audio in `codec` that carries `text`. */
function fakeSpeech(text, codec = 'mp3', sampleRate = 24000) {
	const payload = Buffer.from(`${MARK}${Buffer.from(text, 'utf8').toString('base64')}.`);
	if (codec === 'mp3') {
		const size = payload.length;
		const syncsafe = [(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f];
		return Buffer.concat([
			Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, ...syncsafe]),
			payload,
			Buffer.from([0xff, 0xfb, 0x90, 0x64]),
			Buffer.alloc(64),
		]);
	}
	if (codec === 'wav') {
		const padded = payload.length % 2 ? Buffer.concat([payload, Buffer.alloc(1)]) : payload;
		const samples = Buffer.alloc(Math.round(durationOf(text) * sampleRate) * 2);
		const fmt = Buffer.alloc(16);
		fmt.writeUInt16LE(1, 0); // PCM
		fmt.writeUInt16LE(1, 2); // mono
		fmt.writeUInt32LE(sampleRate, 4);
		fmt.writeUInt32LE(sampleRate * 2, 8);
		fmt.writeUInt16LE(2, 12);
		fmt.writeUInt16LE(16, 14);
		const chunk = (id, data) => {
			const header = Buffer.alloc(8);
			header.write(id, 0, 'ascii');
			header.writeUInt32LE(data.length, 4);
			return Buffer.concat([header, data]);
		};
		const body = Buffer.concat([
			Buffer.from('WAVE'),
			chunk('fmt ', fmt),
			chunk('xait', padded),
			chunk('data', samples),
		]);
		const riff = Buffer.alloc(8);
		riff.write('RIFF', 0, 'ascii');
		riff.writeUInt32LE(body.length, 4);
		return Buffer.concat([riff, body]);
	}
	return Buffer.concat([Buffer.alloc(32), payload, Buffer.alloc(32)]);
}

/** The text fake audio carries, or undefined for any other audio. */
function spokenText(bytes) {
	const at = bytes.indexOf(MARK);
	if (at < 0) return undefined;
	const end = bytes.indexOf('.', at);
	return Buffer.from(bytes.subarray(at + MARK.length, end).toString('ascii'), 'base64').toString(
		'utf8',
	);
}

/** The container a file begins with, as xAI would detect it, or undefined. */
function containerOf(bytes) {
	const at = (text, offset = 0) =>
		bytes.subarray(offset, offset + text.length).toString('latin1') === text;
	if (at('RIFF') && at('WAVE', 8)) return 'wav';
	if (at('OggS')) return 'ogg';
	if (at('fLaC')) return 'flac';
	if (at('ftyp', 4)) return 'mp4';
	if (at('\x1a\x45\xdf\xa3')) return 'mkv';
	if (at('ID3') || (bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0)) return 'mp3';
	return undefined;
}

/** The parts of a multipart/form-data body: [{name, filename?, contentType?, data}]. */
function parseMultipart(raw, contentType) {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
	if (!/^multipart\/form-data/i.test(contentType ?? '') || !boundary) return undefined;
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
	const parts = [];
	let start = raw.indexOf(delimiter);
	while (start >= 0) {
		const from = start + delimiter.length;
		if (raw.subarray(from, from + 2).toString() === '--') break;
		const next = raw.indexOf(delimiter, from);
		if (next < 0) break;
		const part = raw.subarray(from + 2, next - 2); // after CRLF, before CRLF
		const split = part.indexOf('\r\n\r\n');
		const headers = part.subarray(0, split).toString('utf8');
		const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
		parts.push({
			name: /\bname="([^"]*)"/i.exec(disposition)?.[1],
			filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
			contentType: /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1],
			data: part.subarray(split + 4),
		});
		start = next;
	}
	return parts;
}

function createVoiceApi({ json, xaiError, failByDirective, sleep, FAILURES, options = {} }) {
	const invalid = (res, message) => xaiError(res, 400, FAILURES[400][1], message);

	/** [hang], [delay:ms] and [fail:…] in `text`; true when the request was answered (or never is). */
	async function obeyDirectives(res, text) {
		const directive = (name) => new RegExp(`\\[${name}(?::([^\\]]*))?\\]`).exec(text);
		if (directive('hang')) return true;
		const delay = Number(directive('delay')?.[1] ?? 0);
		if (delay > 0) await sleep(delay);
		return failByDirective(res, text, directive);
	}

	async function speak(res, body, record) {
		if (!body || typeof body !== 'object' || typeof body.text !== 'string') {
			return xaiError(
				res,
				422,
				'Unprocessable entity',
				'Failed to deserialize the JSON body into the target type: missing field `text`',
			);
		}
		const { text, voice_id: voice = 'eve', language, output_format: format = {} } = body;
		if (!text.trim()) return invalid(res, 'text must not be empty');
		if (text.length > 15000) return invalid(res, 'text must be at most 15000 characters');
		if (typeof language !== 'string' || !language) return invalid(res, 'language is required');
		if (!VOICES.some((v) => v.voice_id === String(voice).toLowerCase())) {
			return xaiError(res, 404, FAILURES[404][1], `Voice ${voice} not found`);
		}
		const codec = format.codec ?? 'mp3';
		if (!CODECS[codec]) return invalid(res, `Unsupported codec: ${codec}`);
		const sampleRate = format.sample_rate ?? 24000;
		if (!SAMPLE_RATES.includes(sampleRate))
			return invalid(res, `Unsupported sample_rate: ${sampleRate}`);
		if (format.bit_rate !== undefined && codec !== 'mp3') {
			return invalid(res, 'bit_rate is only supported for mp3');
		}
		if (body.speed !== undefined && !(body.speed >= 0.7 && body.speed <= 1.5)) {
			return invalid(res, 'speed must be between 0.7 and 1.5');
		}
		if (await obeyDirectives(res, text)) return;
		if (/\[not-audio\]/.test(text)) {
			res.writeHead(200, { 'content-type': 'text/html' });
			return res.end('<html><body>Welcome to our proxy</body></html>');
		}
		const audio = fakeSpeech(text, codec, sampleRate);
		record.audioBytes = audio.length;
		if (body.with_timestamps) {
			const duration = durationOf(text);
			const chars = [...text];
			const step = chars.length ? duration / chars.length : 0;
			const round = (n) => Math.round(n * 1000) / 1000;
			return json(res, 200, {
				audio: audio.toString('base64'),
				content_type: CODECS[codec],
				duration,
				audio_timestamps: {
					graph_chars: chars,
					graph_times: chars.map((_, i) => [round(i * step), round((i + 1) * step)]),
				},
			});
		}
		const filler = Number(/\[bytes:(\d+)\]/.exec(text)?.[1] ?? 0);
		if (filler) return serveLarge(res, CODECS[codec], audio, filler);
		res.writeHead(200, { 'content-type': CODECS[codec], 'content-length': audio.length });
		res.end(audio);
	}

	async function transcribe(req, res, record) {
		const parts = parseMultipart(req.rawBody, req.headers['content-type']);
		if (!parts) return invalid(res, 'Expected a multipart/form-data body');
		const fields = {};
		for (const part of parts.filter((p) => p.filename === undefined)) {
			const value = part.data.toString('utf8');
			fields[part.name] = part.name in fields ? [].concat(fields[part.name], value) : value;
		}
		const file = parts.find((p) => p.name === 'file' && p.filename !== undefined);
		record.form = {
			fields,
			names: parts.map((p) => p.name),
			...(file && {
				file: { filename: file.filename, contentType: file.contentType, size: file.data.length },
			}),
		};
		if (!file && !fields.url) return invalid(res, 'Either file or url must be provided');
		if (file && parts[parts.length - 1] !== file) {
			return invalid(res, 'The file field must be the last field of the form');
		}
		if (fields.format === 'true' && !fields.language) {
			return invalid(res, 'format requires language');
		}
		let text;
		let duration;
		if (file) {
			const raw = fields.audio_format !== undefined;
			if (raw && !fields.sample_rate) return invalid(res, 'sample_rate is required for raw audio');
			const container = containerOf(file.data);
			if (!raw && !container) {
				return invalid(res, 'Unsupported audio format: could not decode the audio file');
			}
			text = spokenText(file.data);
			if (text === undefined) {
				text = `(fake transcript of ${file.data.length} bytes of ${container ?? fields.audio_format} audio)`;
			}
		} else {
			text = `(fake transcript of ${fields.url})`;
		}
		if (await obeyDirectives(res, text)) return;
		text = text.replace(DIRECTIVES, ' ').trim();
		duration = durationOf(text);
		const words = text
			.split(/\s+/)
			.filter(Boolean)
			.map((word, i) => ({
				text: word,
				start: Math.round(i * SECONDS_PER_WORD * 1000) / 1000,
				end: Math.round((i + 0.9) * SECONDS_PER_WORD * 1000) / 1000,
				...(fields.diarize === 'true' && { speaker: i % 2 }),
			}));
		const reply = { text, language: '', duration };
		if (words.length) reply.words = words;
		if (fields.multichannel === 'true') {
			reply.channels = [{ index: 0, text, words }];
		}
		return json(res, 200, reply);
	}

	function handle(req, res, path, body, record) {
		if (req.method === 'GET' && path === '/tts/voices') {
			if (options.voiceList === false) {
				xaiError(res, 404, FAILURES[404][1], `No route for GET ${path}`);
			} else {
				json(res, 200, { voices: VOICES });
			}
			return true;
		}
		if (req.method === 'POST' && path === '/tts') {
			speak(res, body, record).catch((error) =>
				xaiError(res, 500, 'Internal error', String(error)),
			);
			return true;
		}
		if (req.method === 'POST' && path === '/stt') {
			transcribe(req, res, record).catch((error) =>
				xaiError(res, 500, 'Internal error', String(error)),
			);
			return true;
		}
		return false;
	}

	return { handle };
}

module.exports = { createVoiceApi, fakeSpeech, spokenText, parseMultipart };
