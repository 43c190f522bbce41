/**
 * Secrets out of every text that leaves a node. The key is matched as pasted and as sent (trimmed),
 * and a password in the Base URL both as written and percent-decoded.
 */
export type Redact = (text: string) => string;

export const MASK = '***';

export function secretsOf(credentials: { apiKey?: unknown; baseUrl?: unknown }): string[] {
	const secrets: string[] = [];
	if (typeof credentials.apiKey === 'string') {
		secrets.push(credentials.apiKey, credentials.apiKey.trim());
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
