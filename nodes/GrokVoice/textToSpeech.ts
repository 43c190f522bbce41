/** Text to Speech: POST /tts, one audio file per input item, as binary data. */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { InvalidParameterError, InvalidReplyError, notA } from '../shared/errors';
import { isObject } from '../shared/json';
import { audioFormatOf } from '../shared/audio';
import { callSettings, numberOption, textParameter } from '../shared/options';
import {
	concurrencyOption,
	maxRateLimitWaitOption,
	maxRetriesOption,
	timeoutOption,
} from '../shared/properties';
import type { XaiSession } from '../shared/session';
import { costOf, SAMPLE_RATES, sampleRateOption } from './common';

/** xAI's limit on the text of one request. */
export const MAX_SPEECH_CHARACTERS = 15_000;

const CODECS = {
	mp3: { mimeType: 'audio/mpeg', extension: 'mp3', bytesPerSecond: 192_000 / 8 },
	wav: { mimeType: 'audio/wav', extension: 'wav', bytesPerSecond: 48_000 * 2 },
	pcm: { mimeType: 'audio/pcm', extension: 'pcm', bytesPerSecond: 48_000 * 2 },
	mulaw: { mimeType: 'audio/basic', extension: 'ulaw', bytesPerSecond: 48_000 },
	alaw: { mimeType: 'audio/alaw', extension: 'alaw', bytesPerSecond: 48_000 },
};
type Codec = keyof typeof CODECS;

const BIT_RATES = [32000, 64000, 96000, 128000, 192000];

/**
 * The most audio a reply may bring: 15,000 characters spoken slowly last well under 45 minutes
 * at the largest rate of any codec, and a timestamped reply is base64 (a third larger) plus
 * timings. Anything bigger is not a speech reply.
 */
const MAX_SPEECH_REPLY_BYTES =
	Math.max(...Object.values(CODECS).map((c) => c.bytesPerSecond)) * 45 * 60 * 1.5;

const show = { show: { operation: ['textToSpeech'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. Hello! [pause] Your order has shipped.',
		description:
			"What to say, at most 15,000 characters. Speech tags such as [pause] or [laugh], and xAI's style tags (whisper, soft, slow, …), shape the delivery.",
		displayOptions: show,
	},
	{
		displayName: 'Voice',
		name: 'voice',
		type: 'resourceLocator',
		default: { mode: 'list', value: 'eve' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchVoices', searchable: true },
			},
			{ displayName: 'ID', name: 'id', type: 'string', placeholder: 'e.g. eve' },
		],
		description: 'The voice, as xAI lists them for your key (eve, ara, rex, sal, leo, …)',
		displayOptions: show,
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		default: 'auto',
		// eslint-disable-next-line n8n-nodes-base/node-param-options-type-unsorted-items
		options: [
			{ name: 'Detect From the Text', value: 'auto' },
			{ name: 'Arabic (Egypt)', value: 'ar-EG' },
			{ name: 'Arabic (Saudi Arabia)', value: 'ar-SA' },
			{ name: 'Arabic (United Arab Emirates)', value: 'ar-AE' },
			{ name: 'Bengali', value: 'bn' },
			{ name: 'Chinese (Simplified)', value: 'zh' },
			{ name: 'English', value: 'en' },
			{ name: 'French', value: 'fr' },
			{ name: 'German', value: 'de' },
			{ name: 'Hindi', value: 'hi' },
			{ name: 'Indonesian', value: 'id' },
			{ name: 'Italian', value: 'it' },
			{ name: 'Japanese', value: 'ja' },
			{ name: 'Korean', value: 'ko' },
			{ name: 'Portuguese (Brazil)', value: 'pt-BR' },
			{ name: 'Portuguese (Portugal)', value: 'pt-PT' },
			{ name: 'Russian', value: 'ru' },
			{ name: 'Spanish (Mexico)', value: 'es-MX' },
			{ name: 'Spanish (Spain)', value: 'es-ES' },
			{ name: 'Turkish', value: 'tr' },
			{ name: 'Vietnamese', value: 'vi' },
		],
		description:
			'The language of the text (BCP-47), or detection from the text. Other codes may work, with varying accuracy, through an expression.',
		displayOptions: show,
	},
	{
		displayName: 'Put Output in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the audio file in',
		displayOptions: show,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Bit Rate',
				name: 'bitRate',
				type: 'options',
				default: 128000,
				options: [
					{ name: '32 Kbps', value: 32000 },
					{ name: '64 Kbps', value: 64000 },
					{ name: '96 Kbps', value: 96000 },
					{ name: '128 Kbps', value: 128000 },
					{ name: '192 Kbps', value: 192000 },
				],
				description: 'MP3 only',
				displayOptions: { show: { outputFormat: ['mp3'] } },
			},
			concurrencyOption,
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. answer.mp3',
				description:
					'The name of the audio file; speech.mp3 (or the extension of the format) when empty',
			},
			{
				displayName: 'Include Timestamps',
				name: 'includeTimestamps',
				type: 'boolean',
				default: false,
				description:
					'Whether to return when each character is spoken (start and end in seconds), and the duration of the audio',
			},
			maxRateLimitWaitOption,
			maxRetriesOption,
			{
				displayName: 'Normalize Text',
				name: 'textNormalization',
				type: 'boolean',
				default: false,
				description:
					'Whether xAI rewrites written forms as spoken ones before speaking (e.g. "$5" as "five dollars")',
			},
			{
				displayName: 'Output Format',
				name: 'outputFormat',
				type: 'options',
				default: 'mp3',
				options: [
					{ name: 'A-Law (Telephony)', value: 'alaw' },
					{ name: 'MP3', value: 'mp3' },
					{ name: 'PCM (Raw 16-Bit)', value: 'pcm' },
					{ name: 'WAV', value: 'wav' },
					{ name: 'µ-Law (Telephony)', value: 'mulaw' },
				],
				description: 'MP3 at 24 kHz and 128 kbps unless set',
			},
			sampleRateOption({ description: 'Telephony formats usually take 8000 Hz' }),
			{
				displayName: 'Speed',
				name: 'speed',
				type: 'number',
				typeOptions: { minValue: 0.7, maxValue: 1.5, numberPrecision: 2 },
				default: 1,
				description: 'How fast to speak, from 0.7 to 1.5 times the normal pace',
			},
			timeoutOption(
				'How long one reply may take, from sending to its last byte, in milliseconds. Long texts take longer to speak.',
			),
		],
	},
];

interface SpeechOptions extends IDataObject {
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

interface Speech {
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
	const codec = (options.outputFormat ?? 'mp3') as Codec;
	if (!(codec in CODECS)) {
		const known = Object.keys(CODECS).join(', ');
		throw new InvalidParameterError('Options › Output Format', `"${codec}" is not one of ${known}`);
	}
	const outputFormat: IDataObject = { codec };
	if (options.sampleRate !== undefined) {
		outputFormat.sample_rate = oneOf(options.sampleRate, SAMPLE_RATES, 'Sample Rate');
	}
	if (options.bitRate !== undefined) {
		if (codec !== 'mp3') {
			throw new InvalidParameterError('Options › Bit Rate', `applies to MP3 only, not ${codec}`);
		}
		outputFormat.bit_rate = oneOf(options.bitRate, BIT_RATES, 'Bit Rate');
	}
	const body: IDataObject = { text, voice_id: voice, language };
	if (options.outputFormat !== undefined || Object.keys(outputFormat).length > 1) {
		body.output_format = outputFormat;
	}
	if (options.speed !== undefined) body.speed = numberOption(options.speed, 'Speed', 0.7, 1.5);
	if (options.textNormalization !== undefined) {
		body.text_normalization = options.textNormalization === true;
	}
	if (options.includeTimestamps) body.with_timestamps = true;
	return { body, codec };
}

function oneOf(value: unknown, allowed: number[], field: string): number {
	if (!allowed.includes(value as number)) {
		throw new InvalidParameterError(
			`Options › ${field}`,
			`${String(value)} is not one of ${allowed.join(', ')}`,
		);
	}
	return value as number;
}

/** Raw audio bytes; for MP3 and WAV, the bytes must be that format. */
export function speechFromBytes(codec: Codec, bytes: Buffer, contentType?: string): Speech {
	if (/json|text|html|xml/i.test(contentType ?? '')) throw notA('audio', bytes.toString('utf8'));
	if (bytes.length === 0) throw new InvalidReplyError('xAI answered with no audio', '');
	const expected = { mp3: 'MP3', wav: 'WAV' }[codec as string];
	if (expected && audioFormatOf(bytes)?.name !== expected) {
		throw new InvalidReplyError(
			`xAI answered with something that is not ${expected} audio`,
			`${bytes.length} bytes beginning ${bytes.subarray(0, 8).toString('hex')}`,
		);
	}
	return { audio: bytes };
}

/** The JSON envelope of a reply with timestamps: base64 audio, duration and character timings. */
export function speechFromEnvelope(codec: Codec, value: unknown): Speech {
	if (!isObject(value) || typeof value.audio !== 'string' || !value.audio) {
		throw notA('speech with timestamps (JSON with base64 audio)', value);
	}
	const speech = speechFromBytes(codec, Buffer.from(value.audio, 'base64'));
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

export async function execute(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
): Promise<INodeExecutionData[]> {
	if (ctx.getNode().type.endsWith('Tool')) {
		throw new InvalidParameterError(
			'Operation',
			"Text to Speech cannot run as an AI Agent tool: an agent cannot pass on the audio file it makes. Use the Transcribe operation as a tool, or speak the agent's answer with a Grok Voice node after the agent",
		);
	}
	const text = textParameter(ctx.getNodeParameter('text', itemIndex, ''), 'Text');
	const voice = textParameter(
		ctx.getNodeParameter('voice', itemIndex, 'eve', { extractValue: true }),
		'Voice',
	).trim();
	const language = textParameter(ctx.getNodeParameter('language', itemIndex, 'auto'), 'Language');
	const property = textParameter(
		ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
		'Put Output in Field',
	).trim();
	if (!property) throw new InvalidParameterError('Put Output in Field', 'is empty');
	const options = ctx.getNodeParameter('options', itemIndex, {}) as SpeechOptions;
	const fileName = textParameter(options.fileName, 'Options › File Name').trim();
	const { body, codec } = buildSpeechRequest(text, voice, language, options);
	const { mimeType, extension } = CODECS[codec];

	const speech = await session.send(
		{
			method: 'post',
			path: '/tts',
			body,
			maxBytes: MAX_SPEECH_REPLY_BYTES,
			...(body.with_timestamps
				? { fromJson: (value: unknown) => speechFromEnvelope(codec, value) }
				: { fromBytes: (bytes: Buffer, type?: string) => speechFromBytes(codec, bytes, type) }),
		},
		callSettings(options),
	);

	const name = fileName || `speech.${extension}`;
	const binary = await ctx.helpers.prepareBinaryData(speech.audio, name, mimeType);
	const json: IDataObject = {
		voice,
		language,
		format: codec,
		mimeType,
		fileName: name,
		fileSize: speech.audio.length,
		characters: text.length,
	};
	if (speech.duration !== undefined) json.duration = speech.duration;
	if (speech.timestamps) json.timestamps = speech.timestamps;
	if (speech.costUsd !== undefined) json.costUsd = speech.costUsd;
	return [{ json, binary: { [property]: binary } }];
}
