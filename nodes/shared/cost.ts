/** xAI's cost of a request: `usage.cost_in_usd_ticks`, where one US dollar is 1e10 ticks. */
export const USD_TICKS = 1e10;

/** The cost in US dollars that a reply's `usage` reports, if it reports one. */
export function costUsdOf(usage: unknown): number | undefined {
	const ticks = (usage as { cost_in_usd_ticks?: unknown } | null | undefined)?.cost_in_usd_ticks;
	return typeof ticks === 'number' && Number.isFinite(ticks) ? ticks / USD_TICKS : undefined;
}
