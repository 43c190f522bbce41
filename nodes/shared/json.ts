/** Small helpers for JSON that comes from outside: replies, and options from expressions. */

export const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value of JSON `text`, or `NOT_JSON` when it is not JSON. */
export const NOT_JSON = Symbol('not JSON');
export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

/** A short, one-line piece of `text`, for messages and `rawReply`. */
export function excerpt(text: string, length = 200): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > length ? `${flat.slice(0, length - 3)}...` : flat;
}
