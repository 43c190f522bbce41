/** Text to Speech's codecs, its request body, and the audio its reply brings. */
import type { IDataObject } from 'n8n-workflow';

import { audioFormatOf } from '../../shared/audio';
import type { FileHead } from '../../shared/binaryFile';
import { oneOf } from '../../shared/checks';
import { InvalidParameterError, InvalidReplyError, notA } from '../../shared/errors';
import { isObject } from '../../shared/json';
import { isTextType, looksLikeText } from '../../shared/media';
import { numberOption } from '../../shared/options';
import { costOf, SAMPLE_RATES } from './common';

/** xAI's limit on the text of one request. */
export const MAX_SPEECH_CHARACTERS = 15_000;

export const CODECS = {
	mp3: { mimeType: 'audio/mpeg', extension: 'mp3', bytesPerSecond: 192_000 / 8 },
	wav: { mimeType: 'audio/wav', extension: 'wav', bytesPerSecond: 48_000 * 2 },
	pcm: { mimeType: 'audio/pcm', extension: 'pcm', bytesPerSecond: 48_000 * 2 },
	mulaw: { mimeType: 'audio/basic', extension: 'ulaw', bytesPerSecond: 48_000 },
	alaw: { mimeType: 'audio/alaw', extension: 'alaw', bytesPerSecond: 48_000 },
};
export type Codec = keyof typeof CODECS;

/** Each codec's name in Options › Output Format, in the order it lists them. */
const CODEC_NAMES: Record<Codec, string> = {
	alaw: 'A-Law (Telephony)',
	mp3: 'MP3',
	pcm: 'PCM (Raw 16-Bit)',
	wav: 'WAV',
	mulaw: 'µ-Law (Telephony)',
};
export const CODEC_OPTIONS = Object.entries(CODEC_NAMES).map(([value, name]) => ({ name, value }));

const BIT_RATES = [32000, 64000, 96000, 128000, 192000];
export const BIT_RATE_OPTIONS = BIT_RATES.map((rate) => ({
	name: `${rate / 1000} Kbps`,
	value: rate,
}));

/**
 * The most audio a reply may bring: 15,000 characters spoken slowly last well under 45 minutes
 * at the largest rate of any codec, and a timestamped reply is base64 (a third larger) plus
 * timings. Anything bigger is not a speech reply.
 */
export const MAX_SPEECH_REPLY_BYTES =
	Math.max(...Object.values(CODECS).map((c) => c.bytesPerSecond)) * 45 * 60 * 1.5;

export interface SpeechOptions extends IDataObject {
	outputFormat?: string;
	sampleRate?: number;
	bitRate?: number;
	speed?: number;
	textNormalization?: boolean;
	includeTimestamps?: boolean;
	fileName?: string;
	timeout?: number;
	maxRetries?: number;
}

/** The boolean options, read as `withBooleans` reads them, and their names in the UI. */
export const SPEECH_BOOLEANS = {
	includeTimestamps: 'Include Timestamps',
	textNormalization: 'Normalize Text',
};

export interface Speech {
	audio: Buffer;
	duration?: number;
	timestamps?: { characters: unknown[]; times: unknown[] };
	costUsd?: number;
}

/** The request body the parameters describe; throws before any request when one is wrong. */
export function buildSpeechRequest(
	text: string,
	voice: string,
	language: string,
	options: SpeechOptions,
): { body: IDataObject; codec: Codec } {
	if (!text.trim()) throw new InvalidParameterError('Text', 'is empty: there is nothing to say');
	if (text.length > MAX_SPEECH_CHARACTERS) {
		throw new InvalidParameterError(
			'Text',
			`has ${text.length} characters; xAI speaks at most ${MAX_SPEECH_CHARACTERS} at once: split the text`,
		);
	}
	if (!/^[\w-]+$/.test(voice)) {
		throw new InvalidParameterError('Voice', `"${voice}" is not a voice ID (e.g. eve)`);
	}
	if (!/^(auto|[a-z]{2,3}(-[a-z0-9]{2,8})*)$/i.test(language)) {
		throw new InvalidParameterError(
			'Language',
			`"${language}" is not a language code such as en or pt-BR, or auto`,
		);
	}
	const codec = oneOf(
		options.outputFormat ?? 'mp3',
		'Options › Output Format',
		Object.keys(CODECS) as Codec[],
	);
	const outputFormat: IDataObject = { codec };
	if (options.sampleRate !== undefined) {
		outputFormat.sample_rate = oneOf(options.sampleRate, 'Options › Sample Rate', SAMPLE_RATES);
	}
	if (options.bitRate !== undefined) {
		if (codec !== 'mp3') {
			throw new InvalidParameterError('Options › Bit Rate', `applies to MP3 only, not ${codec}`);
		}
		outputFormat.bit_rate = oneOf(options.bitRate, 'Options › Bit Rate', BIT_RATES);
	}
	const body: IDataObject = { text, voice_id: voice, language };
	if (options.outputFormat !== undefined || Object.keys(outputFormat).length > 1) {
		body.output_format = outputFormat;
	}
	if (options.speed !== undefined) body.speed = numberOption(options.speed, 'Speed', 0.7, 1.5);
	if (options.textNormalization !== undefined) {
		body.text_normalization = options.textNormalization;
	}
	if (options.includeTimestamps) body.with_timestamps = true;
	return { body, codec };
}

/**
 * The check of a speech reply by its first bytes: for MP3 and WAV, they must be that format. Raw
 * codecs (PCM, µ-law, A-law) have no first bytes to check, so a reply that is clearly text (a
 * JSON error, an HTML page) is refused instead, as is any reply whose content type says text.
 * Gives the codec's mime type.
 */
export function speechType(codec: Codec, contentType?: string): (head: FileHead) => string {
	return ({ bytes, whole }) => {
		const notAudio = () => notA('audio', bytes.subarray(0, 4096).toString('utf8'));
		if (isTextType(contentType)) throw notAudio();
		if (bytes.length === 0) throw new InvalidReplyError('xAI answered with no audio', '');
		const expected = { mp3: 'MP3', wav: 'WAV' }[codec as string];
		if (!expected && looksLikeText(bytes)) throw notAudio();
		if (expected && audioFormatOf(bytes)?.name !== expected) {
			throw new InvalidReplyError(
				`xAI answered with something that is not ${expected} audio`,
				`${whole ? '' : 'over '}${bytes.length} bytes beginning ${bytes.subarray(0, 8).toString('hex')}`,
			);
		}
		return CODECS[codec].mimeType;
	};
}

/**
 * The JSON envelope of a reply with timestamps: base64 audio (checked by speechType when it is
 * stored), duration and character timings.
 */
export function speechFromEnvelope(value: unknown): Speech {
	if (!isObject(value) || typeof value.audio !== 'string' || !value.audio) {
		throw notA('speech with timestamps (JSON with base64 audio)', value);
	}
	const speech: Speech = { audio: Buffer.from(value.audio, 'base64') };
	if (typeof value.duration === 'number') speech.duration = value.duration;
	const timings = value.audio_timestamps;
	if (
		isObject(timings) &&
		Array.isArray(timings.graph_chars) &&
		Array.isArray(timings.graph_times)
	) {
		speech.timestamps = { characters: timings.graph_chars, times: timings.graph_times };
	}
	const costUsd = costOf(value);
	if (costUsd !== undefined) speech.costUsd = costUsd;
	return speech;
}
