/**
 * Audio files sent to xAI's speech to text: the container formats it detects by itself, told
 * apart by their first bytes (not by the mime type a file claims, which is often generic or
 * wrong: Telegram's voice notes come as audio/ogg, downloads as application/octet-stream).
 */
import { InvalidParameterError } from './errors';
import { ascii, startsWith } from './media';

/** xAI's limit for one uploaded file. */
export const MAX_AUDIO_UPLOAD_BYTES = 500 * 1024 * 1024;

export interface AudioFormat {
	/** What a user knows it as, for messages. */
	name: string;
	mimeType: string;
	extension: string;
}

const FORMATS: Array<[AudioFormat, (bytes: Buffer) => boolean]> = [
	[
		{ name: 'WAV', mimeType: 'audio/wav', extension: 'wav' },
		(b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WAVE'), 8),
	],
	// Ogg holds Opus (Telegram and WhatsApp voice notes) or Vorbis.
	[{ name: 'OGG', mimeType: 'audio/ogg', extension: 'ogg' }, (b) => startsWith(b, ascii('OggS'))],
	[
		{ name: 'FLAC', mimeType: 'audio/flac', extension: 'flac' },
		(b) => startsWith(b, ascii('fLaC')),
	],
	[
		{ name: 'MP4/M4A', mimeType: 'audio/mp4', extension: 'm4a' },
		(b) => startsWith(b, ascii('ftyp'), 4),
	],
	// Matroska; WebM (browser recordings) is Matroska too.
	[
		{ name: 'Matroska/WebM', mimeType: 'audio/webm', extension: 'webm' },
		(b) => startsWith(b, [0x1a, 0x45, 0xdf, 0xa3]),
	],
	// ADTS frames: 12 sync bits, then layer 00.
	[
		{ name: 'AAC', mimeType: 'audio/aac', extension: 'aac' },
		(b) => b.length >= 2 && b[0] === 0xff && (b[1] & 0xf6) === 0xf0,
	],
	// An ID3 tag, or an MPEG audio frame: 11 sync bits and a layer that is not 00.
	[
		{ name: 'MP3', mimeType: 'audio/mpeg', extension: 'mp3' },
		(b) =>
			startsWith(b, ascii('ID3')) ||
			(b.length >= 2 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0 && (b[1] & 0x06) !== 0),
	],
];

/** The container format the bytes begin with, or undefined for anything xAI does not detect. */
export function audioFormatOf(bytes: Buffer): AudioFormat | undefined {
	return FORMATS.find(([, matches]) => matches(bytes))?.[0];
}

export const ACCEPTED_AUDIO = 'MP3, WAV, OGG (Opus or Vorbis), FLAC, AAC, MP4/M4A or Matroska/WebM';

/**
 * The format of an audio file about to be uploaded; throws when it is empty, too large, or not a
 * format xAI detects (`what` names the file in the message, e.g. binary property "data").
 */
export function checkAudioFile(bytes: Buffer, field: string, what: string): AudioFormat {
	if (bytes.length === 0) throw new InvalidParameterError(field, `${what} is empty`);
	if (bytes.length > MAX_AUDIO_UPLOAD_BYTES) {
		const mib = (bytes.length / 1024 / 1024).toFixed(1);
		throw new InvalidParameterError(
			field,
			`${what} is ${mib} MiB; xAI takes audio files of at most 500 MiB`,
		);
	}
	const format = audioFormatOf(bytes);
	if (!format) {
		throw new InvalidParameterError(
			field,
			`${what} is not an audio file xAI can read (its first bytes are ${bytes.subarray(0, 4).toString('hex') || 'missing'}); xAI takes ${ACCEPTED_AUDIO}, or raw PCM, µ-law or A-law with Options › Raw Audio Format`,
		);
	}
	return format;
}
