import { booleanOf, oneOf, withBooleans } from '../../../nodes/shared/checks';
import { InvalidParameterError } from '../../../nodes/shared/errors';
import { rejectionOf } from '../../helpers/rejection';

describe('oneOf', () => {
	it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
		'refuses %j, which every object inherits',
		(value) => {
			const error = rejectionOf(
				() => oneOf(value, 'Format', ['mp3', 'wav']),
				InvalidParameterError,
			);
			expect(error.message).toBe(`Format: "${value}" is not one of mp3, wav`);
		},
	);
});

describe('booleanOf', () => {
	it.each([
		[true, true],
		['true', true],
		[false, false],
		['false', false],
	])('reads %j as %s', (value, expected) => {
		expect(booleanOf(value, 'Flag')).toBe(expected);
	});

	it.each([
		['"no"', 'no'],
		['"TRUE"', 'TRUE'],
		['" false"', ' false'],
		['0', 0],
		['1', 1],
		['null', null],
		['{"a":1}', { a: 1 }],
		['undefined', undefined],
	])('refuses %s, naming the field', (shown, value) => {
		const error = rejectionOf(() => booleanOf(value, 'Options › Flag'), InvalidParameterError);
		expect(error.message).toBe(`Options › Flag: ${shown} is not true or false`);
	});
});

describe('withBooleans', () => {
	it('reads the named options that are set, and leaves the rest as they are', () => {
		const options = { a: 'false', b: true, c: 'false', timeout: 5 };
		expect(withBooleans(options, { a: 'A', b: 'B', d: 'D' } as never)).toEqual({
			a: false,
			b: true,
			c: 'false',
			timeout: 5,
		});
		expect(options.a).toBe('false');
	});

	it('names the option as the user sees it', () => {
		const error = rejectionOf(
			() => withBooleans({ diarize: 'yes' }, { diarize: 'Identify Speakers' }),
			InvalidParameterError,
		);
		expect(error.message).toBe('Options › Identify Speakers: "yes" is not true or false');
	});
});
