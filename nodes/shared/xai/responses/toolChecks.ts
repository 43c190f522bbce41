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

export function domainOf(entry: string, field: string): string {
	if (/[\s/:@?#]/.test(entry) || !entry.includes('.')) {
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

/** YYYY-MM-DD (a date and time from an expression is cut to its date); '' is none. */
export function dateOf(value: unknown, field: string): string | undefined {
	const text = (value instanceof Date ? value.toISOString() : textParameter(value, field)).trim();
	if (!text) return undefined;
	const match = /^(\d{4}-\d{2}-\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
	const date = match ? new Date(`${match[1]}T00:00:00Z`) : undefined;
	if (!match || !date || Number.isNaN(date.getTime()) || !date.toISOString().startsWith(match[1])) {
		throw new InvalidParameterError(
			field,
			`"${text}" is not a date as YYYY-MM-DD, e.g. 2025-01-31`,
		);
	}
	return match[1];
}
