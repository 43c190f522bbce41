/** Transcribe: POST /stt with the audio as a multipart upload (or its URL), one text per item. */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { audioFormatOf, checkAudioFile, MAX_AUDIO_UPLOAD_BYTES } from '../shared/audio';
import { InvalidParameterError, notA } from '../shared/errors';
import { isObject } from '../shared/json';
import { callSettings, integerOption, textParameter } from '../shared/options';
import {
	concurrencyOption,
	maxRateLimitWaitOption,
	maxRetriesOption,
	timeoutOption,
} from '../shared/properties';
import type { XaiSession } from '../shared/session';
import { costOf, SAMPLE_RATES, sampleRateOption } from './common';

const RAW_FORMATS = ['pcm', 'mulaw', 'alaw'];
const MAX_KEYTERMS = 100;
const MAX_KEYTERM_LENGTH = 50;

const show = { show: { operation: ['transcribe'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Audio Source',
		name: 'audioSource',
		type: 'options',
		default: 'binary',
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description: 'An audio file of the input item (e.g. a Telegram voice note)',
			},
			{
				name: 'URL',
				value: 'url',
				description: 'An address xAI downloads the audio from',
			},
		],
		displayOptions: show,
	},
	{
		displayName: 'Audio Binary Field',
		name: 'audioBinaryProperty',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the audio file',
		description:
			'MP3, WAV, OGG (Opus or Vorbis, as Telegram and WhatsApp voice notes), FLAC, AAC, MP4/M4A or Matroska/WebM, at most 500 MiB',
		displayOptions: { show: { operation: ['transcribe'], audioSource: ['binary'] } },
	},
	{
		displayName: 'Audio URL',
		name: 'audioUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/call.mp3',
		description: 'A public http(s) address of the audio file; xAI downloads it itself',
		displayOptions: { show: { operation: ['transcribe'], audioSource: ['url'] } },
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
				displayName: 'Channels',
				name: 'channels',
				type: 'number',
				typeOptions: { minValue: 2, maxValue: 8 },
				default: 2,
				description:
					'How many interleaved channels raw audio has (2 to 8); read from the file otherwise',
				displayOptions: { show: { multichannel: [true] } },
			},
			concurrencyOption,
			{
				displayName: 'Filler Words',
				name: 'fillerWords',
				type: 'boolean',
				default: false,
				description: 'Whether to keep filler words such as "uh" and "um" in the text',
			},
			{
				displayName: 'Format Numbers',
				name: 'formatText',
				type: 'boolean',
				default: false,
				description:
					'Whether to write spoken numbers, currencies and units in written form ("one hundred dollars" as "$100"). Needs Language.',
			},
			{
				displayName: 'Identify Speakers',
				name: 'diarize',
				type: 'boolean',
				default: false,
				description:
					'Whether to tell speakers apart: each word of the output gets a speaker number',
			},
			{
				displayName: 'Include Words',
				name: 'includeWords',
				type: 'boolean',
				default: false,
				description: 'Whether to output each word with its start and end in seconds',
			},
			{
				displayName: 'Key Terms',
				name: 'keyterms',
				type: 'string',
				default: '',
				placeholder: 'e.g. Grok, n8n, Starlink',
				description:
					'Names and words to listen for (products, people), separated by commas: at most 100, each at most 50 characters',
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'e.g. en',
				description:
					'The language code of the speech (en, fr, de, …). xAI transcribes any of its languages without it; with it, Format Numbers can write numbers in that language.',
			},
			maxRateLimitWaitOption,
			maxRetriesOption,
			{
				displayName: 'Multichannel',
				name: 'multichannel',
				type: 'boolean',
				default: false,
				description:
					'Whether to transcribe each channel on its own (e.g. caller and agent of a call)',
			},
			{
				displayName: 'Raw Audio Format',
				name: 'rawAudioFormat',
				type: 'options',
				default: 'pcm',
				options: [
					{ name: 'PCM (Signed 16-Bit Little-Endian)', value: 'pcm' },
					{ name: 'µ-Law', value: 'mulaw' },
					{ name: 'A-Law', value: 'alaw' },
				],
				description:
					'Only for audio without a header (raw samples); needs Sample Rate. Files such as MP3 or WAV are recognised by themselves.',
			},
			sampleRateOption({
				default: 16000,
				description: 'The sample rate of raw audio',
				displayOptions: { show: { rawAudioFormat: RAW_FORMATS } },
			}),
			timeoutOption(
				'How long one transcription may take, from sending to its last byte, in milliseconds. Long recordings take longer.',
			),
		],
	},
];

interface TranscribeOptions extends IDataObject {
	language?: string;
	formatText?: boolean;
	diarize?: boolean;
	fillerWords?: boolean;
	includeWords?: boolean;
	keyterms?: string;
	multichannel?: boolean;
	channels?: number;
	rawAudioFormat?: string;
	sampleRate?: number;
	timeout?: number;
	maxRetries?: number;
}

/** The form fields the options describe, in order; the audio goes after them. */
export function transcriptionFields(options: TranscribeOptions): Array<[string, string]> {
	const fields: Array<[string, string]> = [];
	const language = textParameter(options.language, 'Options › Language').trim();
	if (language) {
		if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(language)) {
			throw new InvalidParameterError(
				'Options › Language',
				`"${language}" is not a language code such as en or fr`,
			);
		}
		fields.push(['language', language]);
	}
	if (options.formatText) {
		if (!language) {
			throw new InvalidParameterError(
				'Options › Format Numbers',
				'needs Options › Language: xAI formats numbers in a given language only',
			);
		}
		fields.push(['format', 'true']);
	}
	if (options.rawAudioFormat !== undefined) {
		if (!RAW_FORMATS.includes(options.rawAudioFormat)) {
			throw new InvalidParameterError(
				'Options › Raw Audio Format',
				`"${String(options.rawAudioFormat)}" is not one of ${RAW_FORMATS.join(', ')}`,
			);
		}
		if (!SAMPLE_RATES.includes(options.sampleRate as number)) {
			throw new InvalidParameterError(
				'Options › Sample Rate',
				`raw audio needs one of ${SAMPLE_RATES.join(', ')} Hz, not ${String(options.sampleRate)}`,
			);
		}
		fields.push(
			['audio_format', options.rawAudioFormat],
			['sample_rate', String(options.sampleRate)],
		);
	}
	if (options.multichannel) {
		fields.push(['multichannel', 'true']);
		if (options.rawAudioFormat !== undefined) {
			const channels = integerOption(options.channels ?? 2, 'Channels', 2, 8);
			fields.push(['channels', String(channels)]);
		}
	}
	if (options.diarize) fields.push(['diarize', 'true']);
	if (options.fillerWords) fields.push(['filler_words', 'true']);
	const keyterms = textParameter(options.keyterms, 'Options › Key Terms')
		.split(',')
		.map((term) => term.trim())
		.filter(Boolean);
	if (keyterms.length > MAX_KEYTERMS) {
		throw new InvalidParameterError(
			'Options › Key Terms',
			`has ${keyterms.length} terms; xAI takes at most ${MAX_KEYTERMS}`,
		);
	}
	const long = keyterms.find((term) => term.length > MAX_KEYTERM_LENGTH);
	if (long) {
		throw new InvalidParameterError(
			'Options › Key Terms',
			`"${long.slice(0, 20)}…" is longer than ${MAX_KEYTERM_LENGTH} characters`,
		);
	}
	for (const term of keyterms) fields.push(['keyterm', term]);
	return fields;
}

/** xAI's transcription, as the output item's JSON. */
export function toTranscriptionJson(reply: unknown, options: TranscribeOptions): IDataObject {
	if (!isObject(reply) || typeof reply.text !== 'string') throw notA('a transcription', reply);
	const json: IDataObject = { text: reply.text };
	if (typeof reply.language === 'string' && reply.language) json.language = reply.language;
	if (typeof reply.duration === 'number') json.duration = reply.duration;
	if ((options.includeWords || options.diarize) && Array.isArray(reply.words)) {
		json.words = reply.words as IDataObject[];
	}
	if (options.multichannel && Array.isArray(reply.channels)) {
		json.channels = reply.channels as IDataObject[];
	}
	const costUsd = costOf(reply);
	if (costUsd !== undefined) json.costUsd = costUsd;
	return json;
}

/** The audio of the item's binary property, checked: the bytes and a file name for the upload. */
async function readAudio(
	ctx: IExecuteFunctions,
	itemIndex: number,
	property: string,
	rawFormat: string | undefined,
): Promise<{ bytes: Buffer; mimeType: string; fileName: string }> {
	const field = 'Audio Binary Field';
	if (!property) throw new InvalidParameterError(field, 'is empty');
	const item = ctx.getInputData()[itemIndex];
	if (!item.binary?.[property]) {
		const present = Object.keys(item.binary ?? {});
		const has = present.length
			? `it has ${present.map((p) => `"${p}"`).join(', ')}`
			: 'it has none';
		throw new InvalidParameterError(
			field,
			`the input item has no binary property "${property}" (${has})`,
		);
	}
	ctx.helpers.assertBinaryData(itemIndex, property);
	const bytes = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	const what = `binary property "${property}"`;
	if (rawFormat === undefined) {
		const format = checkAudioFile(bytes, field, what);
		return { bytes, mimeType: format.mimeType, fileName: `audio.${format.extension}` };
	}
	if (bytes.length === 0 || bytes.length > MAX_AUDIO_UPLOAD_BYTES)
		checkAudioFile(bytes, field, what);
	const container = audioFormatOf(bytes);
	if (container) {
		throw new InvalidParameterError(
			'Options › Raw Audio Format',
			`${what} is a ${container.name} file, which xAI recognises by itself: remove this option`,
		);
	}
	return { bytes, mimeType: 'application/octet-stream', fileName: `audio.${rawFormat}` };
}

function checkedUrl(value: unknown): string {
	const url = textParameter(value, 'Audio URL').trim();
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	if (parsed?.protocol !== 'https:' && parsed?.protocol !== 'http:') {
		throw new InvalidParameterError('Audio URL', `"${url.slice(0, 60)}" is not an http(s) URL`);
	}
	return url;
}

export async function execute(
	ctx: IExecuteFunctions,
	itemIndex: number,
	session: XaiSession,
): Promise<INodeExecutionData[]> {
	const source = ctx.getNodeParameter('audioSource', itemIndex, 'binary') as string;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as TranscribeOptions;
	const fields = transcriptionFields(options);
	const settings = callSettings(options);
	const form = new FormData();
	for (const [name, value] of fields) form.append(name, value);
	// xAI reads the audio as the last field of the form.
	if (source === 'url') {
		form.append('url', checkedUrl(ctx.getNodeParameter('audioUrl', itemIndex, '')));
	} else {
		const property = textParameter(
			ctx.getNodeParameter('audioBinaryProperty', itemIndex, 'data'),
			'Audio Binary Field',
		).trim();
		const audio = await readAudio(ctx, itemIndex, property, options.rawAudioFormat);
		form.append('file', new Blob([audio.bytes], { type: audio.mimeType }), audio.fileName);
	}

	const json = await session.send(
		{
			method: 'post',
			path: '/stt',
			body: form,
			fromJson: (reply: unknown) => toTranscriptionJson(reply, options),
		},
		settings,
	);
	return [{ json }];
}
