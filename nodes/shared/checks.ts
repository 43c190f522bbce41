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
