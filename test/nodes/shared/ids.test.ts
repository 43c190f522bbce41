import { isPathSegment, pathSegmentProblem } from '../../../nodes/shared/ids';

describe('IDs as one path segment', () => {
	it.each(['batch_1', 'vid-9f3a', 'a.b', 'batch 1', 'ünïcode'])('takes %j', (id) => {
		expect(pathSegmentProblem(id)).toBeUndefined();
		expect(isPathSegment(id)).toBe(true);
	});

	it.each([
		['', /only dots/],
		['.', /only dots/],
		['..', /only dots/],
		['a/b', /slash/],
		['a\\b', /slash/],
		['a\nb', /control character/],
		['a\u0000b', /control character/],
		['a\u0085b', /control character/],
		['a\u2028b', /line break/],
	])('refuses %j', (id, problem) => {
		expect(pathSegmentProblem(id)).toMatch(problem);
		expect(isPathSegment(id)).toBe(false);
	});

	it('refuses what is not text', () => {
		expect(isPathSegment(42)).toBe(false);
		expect(isPathSegment(undefined)).toBe(false);
	});
});
