/**
 * Checks of option values, which may come from expressions as anything: each names its field, so
 * a bad value fails the item before any request.
 */
import { InvalidParameterError } from './errors';
import { DEFAULT_MAX_RATE_LIMIT_WAIT_MS } from './scheduler';
import { MAX_TIMEOUT_MS } from './transport';

export const DEFAULT_TIMEOUT_MS = 600_000;
export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_CONCURRENCY = 8;
export const MAX_RETRIES_LIMIT = 10;
export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = DEFAULT_MAX_RATE_LIMIT_WAIT_MS / 1000;
export const MAX_RATE_LIMIT_WAIT_SECONDS = 3600;

export function numberOption(value: unknown, field: string, min: number, max: number): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
		throw new InvalidParameterError(
			`Options › ${field}`,
			`${String(value)} is not a number from ${min} to ${max}`,
		);
	}
	return value;
}

/** An option of the Options collection: `field` is its name there, as errors name it. */
export function integerOption(value: unknown, field: string, min?: number, max?: number): number {
	return integerParameter(value, `Options › ${field}`, min, max);
}

/** A whole-number parameter; `path` is its full label path, e.g. "Poll Interval (Seconds)". */
export function integerParameter(value: unknown, path: string, min?: number, max?: number): number {
	const tooSmall = min !== undefined && (value as number) < min;
	const tooLarge = max !== undefined && (value as number) > max;
	if (!Number.isInteger(value) || tooSmall || tooLarge) {
		const range =
			min !== undefined && max !== undefined
				? `a whole number from ${min} to ${max}`
				: min === undefined
					? 'a whole number'
					: `a whole number of at least ${min}`;
		throw new InvalidParameterError(path, `${String(value)} is not ${range}`);
	}
	return value as number;
}

/** A text parameter, which an expression may have made a number, an object or nothing. */
export function textParameter(value: unknown, field: string): string {
	if (value === undefined || value === null) return '';
	if (typeof value !== 'string') {
		const what = Array.isArray(value) ? 'an array' : typeof value;
		throw new InvalidParameterError(field, `must be text, but the expression gave ${what}`);
	}
	return value;
}

/** Comma- or newline-separated names, or an array from an expression. */
export function splitList(value: unknown, field: string, separator: RegExp = /[\n,]/): string[] {
	if (value !== undefined && value !== null && typeof value !== 'string' && !Array.isArray(value)) {
		throw new InvalidParameterError(field, `must be text or an array, not ${typeof value}`);
	}
	const parts = Array.isArray(value)
		? value
		: ((value as string | undefined) ?? '').split(separator);
	return parts.map((part) => String(part).trim()).filter(Boolean);
}

/** A true-or-false parameter, which an expression may have made something else. */
export function booleanOf(value: unknown, field: string): boolean {
	if (typeof value !== 'boolean') {
		throw new InvalidParameterError(field, `must be true or false, not ${JSON.stringify(value)}`);
	}
	return value;
}

export function optionalBoolean(value: unknown, field: string): boolean | undefined {
	return value === undefined ? undefined : booleanOf(value, field);
}

/** How each request of an item is sent: the options shared by every node. */
export interface CallSettings {
	timeoutMs: number;
	maxRetries: number;
}

export function callSettings(options: { timeout?: unknown; maxRetries?: unknown }): CallSettings {
	return {
		timeoutMs:
			options.timeout === undefined
				? DEFAULT_TIMEOUT_MS
				: integerOption(options.timeout, 'Timeout', 1, MAX_TIMEOUT_MS),
		maxRetries:
			options.maxRetries === undefined
				? DEFAULT_MAX_RETRIES
				: integerOption(options.maxRetries, 'Max Retries', 0, MAX_RETRIES_LIMIT),
	};
}
