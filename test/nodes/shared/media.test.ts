import { isTextType, looksLikeText, sniffImage, sniffVideo } from '../../../nodes/shared/media';

const bytes = (hex: string, text = '') =>
	Buffer.concat([Buffer.from(hex, 'hex'), Buffer.from(text, 'latin1')]);

describe('images by their first bytes', () => {
	it.each([
		['png', 'image/png', bytes('89504e470d0a1a0a0000000d49484452')],
		['jpg', 'image/jpeg', bytes('ffd8ffe000104a464946')],
		['webp', 'image/webp', Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1')],
		['gif', 'image/gif', Buffer.from('GIF89a\x01\x00', 'latin1')],
		['gif', 'image/gif', Buffer.from('GIF87a\x01\x00', 'latin1')],
	])('tells %s', (extension, mimeType, file) => {
		expect(sniffImage(file)).toEqual({ mimeType, extension });
	});

	it.each([
		['an HTML page', Buffer.from('<html><body>Gateway</body></html>')],
		['a JSON error', Buffer.from('{"error":"quota"}')],
		['a WAV file (RIFF but not WEBP)', Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1')],
		['a cut-off PNG signature', bytes('89504e47')],
		['nothing', Buffer.alloc(0)],
	])('finds no image in %s', (_, file) => {
		expect(sniffImage(file)).toBeUndefined();
	});
});

describe('videos by their first bytes', () => {
	it.each([
		['mp4', 'video/mp4', bytes('00000020', 'ftypisom\x00\x00\x02\x00')],
		['mov', 'video/quicktime', bytes('00000014', 'ftypqt  \x00\x00\x00\x00')],
		['webm', 'video/webm', bytes('1a45dfa39f4286810142f7')],
	])('tells %s', (extension, mimeType, file) => {
		expect(sniffVideo(file)).toEqual({ mimeType, extension });
	});

	it.each([
		['an HTML page', Buffer.from('<html>Gateway</html>')],
		['an image', bytes('89504e470d0a1a0a')],
		['"ftyp" not at offset 4', Buffer.from('ftypisom', 'latin1')],
		['nothing', Buffer.alloc(0)],
	])('finds no video in %s', (_, file) => {
		expect(sniffVideo(file)).toBeUndefined();
	});
});

describe('text that is not media', () => {
	it.each([
		['a JSON object', '{"error":"quota exceeded"}'],
		['a JSON array after white space', ' \r\n\t[{"error":"busy"}]'],
		['an HTML page', '<html><body>Gateway</body></html>'],
		['a byte order mark, then XML', '\ufeff<?xml version="1.0"?><Error/>'],
		['non-ASCII UTF-8', '{"error":"Kontingent überschritten – später"}'],
	])('is %s', (_, text) => {
		expect(looksLikeText(Buffer.from(text, 'utf8'))).toBe(true);
	});

	it('reads only the first 4 KiB, even when they end inside a character', () => {
		const long = Buffer.from(`{"a":"${'é'.repeat(5000)}"}`, 'utf8');
		expect(looksLikeText(long)).toBe(true);
		expect(looksLikeText(Buffer.concat([long.subarray(0, 8000), bytes('00ff00ff')]))).toBe(true);
	});

	it.each([
		['PCM samples that begin with "{"', bytes('7b00fffe8081007f')],
		['µ-law samples that begin with "<"', bytes('3cffd0e1a2b3c4d5')],
		['"[" then silence', bytes('5b000000000000')],
		['text that does not open with { [ <', Buffer.from('Service unavailable')],
		['white space only', Buffer.from('  \n ')],
		['nothing', Buffer.alloc(0)],
		['an MP3 file', Buffer.from('ID3\x04\x00', 'latin1')],
	])('is not %s', (_, file) => {
		expect(looksLikeText(file)).toBe(false);
	});
});

describe('text content types', () => {
	it.each([
		['application/json', true],
		['text/html; charset=utf-8', true],
		['application/problem+xml', true],
		['TEXT/PLAIN', true],
		['audio/mpeg', false],
		['application/octet-stream', false],
		[undefined, false],
	])('%s is text: %s', (type, expected) => {
		expect(isTextType(type)).toBe(expected);
	});
});
