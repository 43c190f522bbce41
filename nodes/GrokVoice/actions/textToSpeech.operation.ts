/** Text to Speech: POST /tts, one audio file per input item, as binary data. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { StoredFile } from '../../shared/binaryFile';
import { storeBytes, storeFile } from '../../shared/binaryFile';
import { withBooleans } from '../../shared/checks';
import { InvalidParameterError } from '../../shared/errors';
import { callSettings, textParameter } from '../../shared/options';
import {
	concurrencyOption,
	maxRateLimitWaitOption,
	maxRetriesOption,
	optionsCollection,
	timeoutOption,
} from '../../shared/properties';
import type { ItemExecute } from '../../shared/operation';
import { sampleRateOption } from '../helpers/common';
import {
	BIT_RATE_OPTIONS,
	buildSpeechRequest,
	CODEC_OPTIONS,
	CODECS,
	MAX_SPEECH_REPLY_BYTES,
	SPEECH_BOOLEANS,
	type Speech,
	speechFromEnvelope,
	type SpeechOptions,
	speechType,
} from '../helpers/speech';

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
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the audio file in',
		displayOptions: show,
	},
	{
		...optionsCollection,
		displayOptions: show,
		options: [
			{
				displayName: 'Bit Rate',
				name: 'bitRate',
				type: 'options',
				default: 128000,
				options: BIT_RATE_OPTIONS,
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
				options: CODEC_OPTIONS,
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

export const execute: ItemExecute = async (ctx, itemIndex, session) => {
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
		'Put Output File in Field',
	).trim();
	if (!property) throw new InvalidParameterError('Put Output File in Field', 'is empty');
	const options = withBooleans(
		ctx.getNodeParameter('options', itemIndex, {}) as SpeechOptions,
		SPEECH_BOOLEANS,
	);
	const fileName = textParameter(options.fileName, 'Options › File Name').trim();
	const { body, codec } = buildSpeechRequest(text, voice, language, options);
	const { mimeType, extension } = CODECS[codec];
	const name = fileName || `speech.${extension}`;
	const request = { method: 'post' as const, path: '/tts', body, maxBytes: MAX_SPEECH_REPLY_BYTES };
	const settings = callSettings(options);

	let speech: Speech | undefined;
	let file: StoredFile;
	if (body.with_timestamps) {
		speech = await session.send({ ...request, fromJson: speechFromEnvelope }, settings);
		file = await storeBytes(ctx, speech.audio, speechType(codec), () => name);
	} else {
		// The audio goes to n8n's binary data as it arrives: on disk in filesystem mode.
		file = await session.send(
			{
				...request,
				fromFile: async ({ chunks, contentType }) =>
					await storeFile(ctx, chunks, speechType(codec, contentType), () => name),
			},
			settings,
		);
	}
	const json: IDataObject = {
		voice,
		language,
		format: codec,
		mimeType,
		fileName: name,
		fileSize: file.size,
		characters: text.length,
	};
	if (speech?.duration !== undefined) json.duration = speech.duration;
	if (speech?.timestamps) json.timestamps = speech.timestamps;
	if (speech?.costUsd !== undefined) json.costUsd = speech.costUsd;
	return [{ json, binary: { [property]: file.binary } }];
};
