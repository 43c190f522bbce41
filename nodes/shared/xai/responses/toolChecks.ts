/** Checks of the built-in tools' settings: domain and handle lists, and dates. */
import { InvalidParameterError } from '../../errors';
import { splitList, textParameter } from '../../options';

/** An allow list and a block list, of which xAI takes one, each with at most `max` entries. */
export function exclusiveLists(
	where: string,
	names: [string, string],
	values: [unknown, unknown],
	max: number,
	what: string,
	check: (entry: string, field: string) => string,
): [string[], string[]] {
	const lists = values.map((value, index) => {
		const field = `${where} › ${names[index]}`;
		const entries = [...new Set(splitList(value, field).map((entry) => check(entry, field)))];
		if (entries.length > max) {
			throw new InvalidParameterError(
				field,
				`at most ${max} ${what}, but there are ${entries.length}`,
			);
		}
		return entries;
	}) as [string[], string[]];
	if (lists[0].length > 0 && lists[1].length > 0) {
		throw new InvalidParameterError(
			`${where} › ${names[1]}`,
			`set ${names[0]} or ${names[1]}, not both`,
		);
	}
	return lists;
}

/** Labels of letters, digits and inner hyphens, at least two of them: what xAI can match a site by. */
const DOMAIN =
	/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function domainOf(entry: string, field: string): string {
	if (!DOMAIN.test(entry.toLowerCase())) {
		throw new InvalidParameterError(
			field,
			`"${entry}" is not a domain: enter domains such as example.com, without https:// or a path`,
		);
	}
	return entry.toLowerCase();
}

export function handleOf(entry: string, field: string): string {
	const handle = entry.replace(/^@/, '');
	if (!/^[A-Za-z0-9_]{1,15}$/.test(handle)) {
		throw new InvalidParameterError(
			field,
			`"${entry}" is not an X handle (1 to 15 letters, digits or underscores, e.g. @xai)`,
		);
	}
	return handle;
}

const DATE_TIME =
	/^(\d{4}-\d{2}-\d{2})(?:T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?$/;

/**
 * YYYY-MM-DD; '' is none. A date and time from an expression is the date of that moment in UTC
 * (xAI's dates are UTC): 2025-01-31T23:30-05:00 is 2025-02-01. Without an offset, its own date.
 */
export function dateOf(value: unknown, field: string): string | undefined {
	const text = (value instanceof Date ? value.toISOString() : textParameter(value, field)).trim();
	if (!text) return undefined;
	const match = DATE_TIME.exec(text);
	const day = match ? new Date(`${match[1]}T00:00:00Z`) : undefined;
	if (!match || !day || Number.isNaN(day.getTime()) || !day.toISOString().startsWith(match[1])) {
		throw new InvalidParameterError(
			field,
			`"${text}" is not a date as YYYY-MM-DD, e.g. 2025-01-31`,
		);
	}
	const offset = match[5];
	if (!offset || offset === 'Z') return match[1];
	const withColon = offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset;
	const moment = `${match[1]}T${match[2]}:${match[3]}:${match[4] ?? '00'}${withColon}`;
	return new Date(moment).toISOString().slice(0, 10);
}
