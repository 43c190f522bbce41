/** The values of xAI's rate-limit headers, read into numbers. */

/** "1s", "250ms", "1m30s" or plain seconds, as rate-limit reset headers give it, in ms. */
export function durationMs(value: string | null): number | undefined {
	if (!value) return undefined;
	if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
	let total = 0;
	let matched = false;
	for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
		matched = true;
		total += Number(amount) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms'];
	}
	return matched ? total : undefined;
}
