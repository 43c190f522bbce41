import { audioFormatOf, checkAudioFile } from '../../../nodes/shared/audio';
import { InvalidParameterError } from '../../../nodes/shared/errors';
import { rejectionOf } from '../../helpers/rejection';

const bytes = (hex: string, text = '') =>
	Buffer.concat([Buffer.from(hex, 'hex'), Buffer.from(text, 'latin1')]);

describe('audio formats', () => {
	it.each([
		['WAV', Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1')],
		['OGG', Buffer.from('OggS\x00\x02', 'latin1')],
		['FLAC', Buffer.from('fLaC\x00\x00\x00\x22', 'latin1')],
		['MP4/M4A', bytes('00000020', 'ftypM4A ')],
		['Matroska/WebM', bytes('1a45dfa3')],
		['AAC', bytes('fff15080')],
		['MP3', Buffer.from('ID3\x04\x00', 'latin1')],
		['MP3', bytes('fffb9064')],
		['MP3', bytes('fff3')],
	])('tells %s from its first bytes', (name, file) => {
		expect(audioFormatOf(file)?.name).toBe(name);
	});

	it.each([
		['a PNG image', bytes('89504e470d0a1a0a')],
		['text', Buffer.from('hello, this is not audio')],
		['a RIFF file that is not WAVE', Buffer.from('RIFF\x24\x00\x00\x00AVI ', 'latin1')],
		['a lone sync byte', bytes('ff')],
	])('recognises no audio in %s', (_, file) => {
		expect(audioFormatOf(file)).toBeUndefined();
	});

	it("refuses a file over 500 MiB, xAI's limit, without reading it", () => {
		const huge = { length: 500 * 1024 * 1024 + 1 } as Buffer;
		const error = rejectionOf(
			() => checkAudioFile(huge, 'Audio Binary Field', 'binary property "data"'),
			InvalidParameterError,
		);
		expect(error.message).toBe(
			'Audio Binary Field: binary property "data" is 500.0 MiB; xAI takes audio files of at most 500 MiB',
		);
	});
});
