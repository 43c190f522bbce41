/**
 * The built-in tools' checks (issue 19 #14): values from expressions that xAI would take for
 * something else, or refuse late, fail before any request with the field named.
 */
import { InvalidParameterError } from '../../../../../nodes/shared/errors';
import { dateOf, domainOf } from '../../../../../nodes/shared/xai/responses/toolChecks';
import { optionsToBody } from '../../../../../nodes/GrokChat/common/responsesOptions';

const FIELD = 'Built-in Tools › Web Search › Allowed Domains';

describe('domains', () => {
	it.each(['example.com', 'news.example.org', 'EXAMPLE.com', 'xn--bcher-kva.example', 'a-b.co.uk'])(
		'%s is a domain',
		(entry) => {
			expect(domainOf(entry, FIELD)).toBe(entry.toLowerCase());
		},
	);

	it.each([
		'.',
		'..',
		'a..b',
		'<b>.com',
		'exa\u0000mple.com',
		'a.com;b',
		'.example.com',
		'example.com.',
		'-a.com',
		'a_b.com',
		'example',
	])('%j is refused, naming the field', (entry) => {
		expect(() => domainOf(entry, FIELD)).toThrow(InvalidParameterError);
		expect(() => domainOf(entry, FIELD)).toThrow(FIELD);
	});
});

describe('dates', () => {
	it('a date, or a date and time in UTC, is its UTC date', () => {
		expect(dateOf('2025-01-31', 'From Date')).toBe('2025-01-31');
		expect(dateOf('2025-01-31T23:30:00Z', 'From Date')).toBe('2025-01-31');
		expect(dateOf(new Date('2025-01-31T23:30:00Z'), 'From Date')).toBe('2025-01-31');
	});

	it('a time with an offset is the date of that moment in UTC, not the local date', () => {
		expect(dateOf('2025-01-31T23:30:00-05:00', 'From Date')).toBe('2025-02-01');
		expect(dateOf('2025-02-01T01:00:00+02:00', 'From Date')).toBe('2025-01-31');
	});

	it.each(['2025-01-31T99:99:99', '2025-01-31T24:00:01Z', '2025-02-30', '2025-1-3', '31.01.2025'])(
		'%j is refused',
		(value) => {
			expect(() => dateOf(value, 'From Date')).toThrow(InvalidParameterError);
		},
	);
});

describe('Previous Response ID', () => {
	it.each(['resp 1\nX-Evil: 1', 'resp\u00001', 'a/b', '..'])('%j is refused', (value) => {
		expect(() => optionsToBody({ previousResponseId: value })).toThrow('Previous Response ID');
	});

	it('an ID as xAI gives them is sent as is', () => {
		expect(
			optionsToBody({ previousResponseId: ' 0b4e7c1a-22f1-4b9e-9a43-6c5d2b1e3f00 ' }),
		).toMatchObject({
			previous_response_id: '0b4e7c1a-22f1-4b9e-9a43-6c5d2b1e3f00',
		});
	});
});
