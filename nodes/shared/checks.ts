/** Checks of a parameter's value against a fixed list, which an expression may have missed. */
import { InvalidParameterError } from './errors';

/**
 * `value` if it is one of `allowed`; otherwise throws, naming `field` (its whole path, e.g.
 * 'Options › Sample Rate'). The value is shown as the list is written: quoted against a list of
 * text ("max"), bare against a list of numbers (12345).
 */
export function oneOf<T extends string | number>(
	value: unknown,
	field: string,
	allowed: readonly T[],
): T {
	if (!allowed.includes(value as T)) {
		const shown = typeof allowed[0] === 'number' ? String(value) : JSON.stringify(value);
		throw new InvalidParameterError(field, `${shown} is not one of ${allowed.join(', ')}`);
	}
	return value as T;
}

/**
 * A boolean option as an expression may have given it: true or false, or the text "true" or
 * "false" (what a form field, a CSV column or a query string holds). Anything else throws,
 * naming `field`: the text "false" is never taken as true, nor 0 or "no" as false.
 */
export function booleanOf(value: unknown, field: string): boolean {
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	const shown = JSON.stringify(value) ?? String(value);
	throw new InvalidParameterError(field, `${shown} is not true or false`);
}

/**
 * `options` with each boolean option of `labels` that is set read by `booleanOf`; `labels` maps
 * its name to what the user sees (`includeWords: 'Include Words'`, checked as 'Options › …').
 */
export function withBooleans<T extends Record<string, unknown>>(
	options: T,
	labels: Partial<Record<keyof T & string, string>>,
): T {
	const checked: Record<string, unknown> = { ...options };
	for (const [name, label] of Object.entries(labels)) {
		if (checked[name] !== undefined) checked[name] = booleanOf(checked[name], `Options › ${label}`);
	}
	return checked as T;
}
