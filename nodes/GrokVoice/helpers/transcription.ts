/** Transcribe's form fields, from its options, and the text its reply brings. */
import type { IDataObject } from 'n8n-workflow';

import { InvalidParameterError, notA } from '../../shared/errors';
import { isObject } from '../../shared/json';
import { integerOption, textParameter } from '../../shared/options';
import { costOf, SAMPLE_RATES } from './common';

export const RAW_FORMATS = ['pcm', 'mulaw', 'alaw'];
const MAX_KEYTERMS = 100;
const MAX_KEYTERM_LENGTH = 50;

/** The boolean options, read as `withBooleans` reads them, and their names in the UI. */
export const TRANSCRIBE_BOOLEANS = {
	diarize: 'Identify Speakers',
	fillerWords: 'Filler Words',
	formatText: 'Format Numbers',
	includeWords: 'Include Words',
	multichannel: 'Multichannel',
};

export interface TranscribeOptions extends IDataObject {
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
