/**
 * Secrets out of every text that leaves a node. The key is matched as pasted and as sent (trimmed),
 * and a password in the Base URL both as written and percent-decoded.
 */
export type Redact = (text: string) => string;

export const MASK = '***';

export function secretsOf(credentials: { apiKey?: unknown; baseUrl?: unknown }): string[] {
	const secrets: string[] = [];
	if (typeof credentials.apiKey === 'string') {
		const key = credentials.apiKey.trim();
		// As sent (in `Bearer <key>` too), as pasted, and as a URL or form would encode it.
		secrets.push(credentials.apiKey, key, encodeURIComponent(key));
	}
	if (typeof credentials.baseUrl === 'string') {
		const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@]*)@/i.exec(credentials.baseUrl.trim())?.[1];
		const password = userInfo?.split(':').slice(1).join(':');
		if (password) secrets.push(password, safeDecode(password));
	}
	// Longest first, so that a secret containing another is masked whole.
	return [...new Set(secrets.filter((secret) => secret.length >= 4))].sort(
		(a, b) => b.length - a.length,
	);
}

export function redactor(secrets: string[]): Redact {
	if (secrets.length === 0) return (text) => text;
	return (text) => secrets.reduce((masked, secret) => masked.split(secret).join(MASK), text);
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/**
 * `value` with `redact` applied to every string inside it (object keys included), for what a
 * node puts in output items and log lines: a request ID, file name or message echoed by a
 * gateway may carry the key. Buffers and other non-plain objects are returned as they are.
 */
export function redactDeep<T>(value: T, redact: Redact): T {
	if (typeof value === 'string') return redact(value) as T;
	if (Array.isArray(value)) return value.map((entry: unknown) => redactDeep(entry, redact)) as T;
	if (value === null || typeof value !== 'object') return value;
	const prototype = Object.getPrototypeOf(value) as unknown;
	if (prototype !== Object.prototype && prototype !== null) return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, entry]) => [redact(key), redactDeep(entry, redact)]),
	) as T;
}
