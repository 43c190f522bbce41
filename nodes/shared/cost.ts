/** xAI's cost of a request: `usage.cost_in_usd_ticks`, where one US dollar is 1e10 ticks. */
import { isObject } from './json';

export const USD_TICKS = 1e10;

/**
 * The most one request can cost, in ticks: a million US dollars. xAI's dearest request costs a
 * few dollars; a count above this (1e300, say) is a broken reply, not a price.
 */
export const MAX_COST_TICKS = 1e6 * USD_TICKS;

/**
 * The cost in US dollars that a reply's `usage` reports, if it reports one that xAI could have
 * charged: a whole number of ticks (xAI counts in whole ticks), from 0 to `MAX_COST_TICKS`. A
 * negative, fractional or absurd count gives no cost rather than a wrong one.
 */
export function costUsdOf(usage: unknown): number | undefined {
	const ticks = isObject(usage) ? usage.cost_in_usd_ticks : undefined;
	const chargeable = Number.isInteger(ticks) && (ticks as number) >= 0;
	return chargeable && (ticks as number) <= MAX_COST_TICKS
		? (ticks as number) / USD_TICKS
		: undefined;
}
