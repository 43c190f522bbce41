'use strict';
/**
 * The fake xAI's rate limiter, after xAI's documented limits: per team and model, requests per
 * minute, spent no faster than RPM / 60 a second (a bucket that holds one second of requests),
 * and tokens per minute (a bucket that holds a minute of tokens). A request that finds either
 * bucket empty gets xAI's 429 with Retry-After in whole seconds, as HTTP has it.
 *
 * xAI's docs name no rate-limit headers; with `headers: true` the limiter also sends OpenAI's
 * x-ratelimit-* headers on every answer, to test a client that reads them where they exist.
 *
 * createLimiter({ rpm, tpm, headers, now }) returns { take(tokens) -> { ok, waitMs, headers } }.
 */
function createLimiter({ rpm, tpm = Infinity, headers = false, now = Date.now }) {
	const requestsPerMs = rpm / 60_000;
	const tokensPerMs = tpm / 60_000;
	const requestCapacity = Math.max(1, rpm / 60);
	const tokenCapacity = tpm;
	let requests = requestCapacity;
	let tokens = tokenCapacity;
	let last = now();

	function refill() {
		const at = now();
		const elapsed = at - last;
		last = at;
		requests = Math.min(requestCapacity, requests + elapsed * requestsPerMs);
		if (Number.isFinite(tokenCapacity)) {
			tokens = Math.min(tokenCapacity, tokens + elapsed * tokensPerMs);
		}
	}

	function rateHeaders() {
		if (!headers) return {};
		const untilFull = (missing, perMs) => `${Math.max(0, Math.ceil(missing / perMs))}ms`;
		return {
			'x-ratelimit-limit-requests': String(rpm),
			'x-ratelimit-remaining-requests': String(Math.floor(requests)),
			'x-ratelimit-reset-requests': untilFull(requestCapacity - requests, requestsPerMs),
			...(Number.isFinite(tpm) && {
				'x-ratelimit-limit-tokens': String(tpm),
				'x-ratelimit-remaining-tokens': String(Math.floor(tokens)),
				'x-ratelimit-reset-tokens': untilFull(tokenCapacity - tokens, tokensPerMs),
			}),
		};
	}

	return {
		take(cost) {
			refill();
			if (requests >= 1 && tokens >= cost) {
				requests -= 1;
				tokens -= cost;
				return { ok: true, headers: rateHeaders() };
			}
			const waitMs = Math.max(
				requests >= 1 ? 0 : (1 - requests) / requestsPerMs,
				tokens >= cost ? 0 : (cost - tokens) / tokensPerMs,
			);
			return {
				ok: false,
				waitMs,
				headers: { ...rateHeaders(), 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) },
			};
		},
	};
}

module.exports = { createLimiter };
