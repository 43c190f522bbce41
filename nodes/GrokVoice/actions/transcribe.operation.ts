/** Transcribe: POST /stt with the audio as a multipart upload (or its URL), one text per item. */
import type { INodeProperties } from 'n8n-workflow';

import { withBooleans } from '../../shared/checks';
import { callSettings, textParameter } from '../../shared/options';
import {
	concurrencyOption,
	maxRateLimitWaitOption,
	maxRetriesOption,
	optionsCollection,
	timeoutOption,
} from '../../shared/properties';
import type { ItemExecute } from '../../shared/operation';
import { checkedUrl, readAudio } from '../helpers/audioInput';
import { sampleRateOption } from '../helpers/common';
import {
	RAW_FORMATS,
	toTranscriptionJson,
	TRANSCRIBE_BOOLEANS,
	type TranscribeOptions,
	transcriptionFields,
} from '../helpers/transcription';

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
		displayName: 'Input Binary Field',
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
		...optionsCollection,
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

export const execute: ItemExecute = async (ctx, itemIndex, session) => {
	const source = ctx.getNodeParameter('audioSource', itemIndex, 'binary') as string;
	const options = withBooleans(
		ctx.getNodeParameter('options', itemIndex, {}) as TranscribeOptions,
		TRANSCRIBE_BOOLEANS,
	);
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
			'Input Binary Field',
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
};
