import { costUsdOf, MAX_COST_TICKS, USD_TICKS } from '../../../nodes/shared/cost';

describe('costUsdOf', () => {
	it.each([
		[0, 0],
		[1, 1e-10],
		[50_012_000, 0.0050012],
		[USD_TICKS, 1],
		[MAX_COST_TICKS, 1e6],
	])('reads %d ticks as %d USD', (ticks, usd) => {
		expect(costUsdOf({ cost_in_usd_ticks: ticks })).toBeCloseTo(usd, 12);
	});

	it.each([
		['a negative count', -1e10],
		['minus one tick', -1],
		['more than a million dollars', MAX_COST_TICKS + 10_000],
		['an absurd count', 1e300],
		['a fraction of a tick', 0.5],
		['infinity', Infinity],
		['NaN', NaN],
		['a number as text', '100'],
		['nothing', null],
	])('gives no cost for %s', (_, ticks) => {
		expect(costUsdOf({ cost_in_usd_ticks: ticks })).toBeUndefined();
	});

	it('gives no cost for usage that is missing or not an object', () => {
		expect(costUsdOf(undefined)).toBeUndefined();
		expect(costUsdOf(null)).toBeUndefined();
		expect(costUsdOf(42)).toBeUndefined();
		expect(costUsdOf({})).toBeUndefined();
	});
});
