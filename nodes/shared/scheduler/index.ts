/**
 * How one execution's requests reach xAI: at most `concurrency` at once, retried with exponential
 * backoff and jitter, and paced to the rate xAI allows.
 *
 * Pacing: xAI limits requests per second (RPM / 60) and tokens per minute. Where a reply carries
 * rate-limit headers (x-ratelimit-limit-requests), requests start no faster than they allow.
 * Where not, the first 429 sets the pace to just under the rate of the replies that had just
 * succeeded, which is what xAI was letting through; the pace then creeps up 2% a second until the
 * next 429 takes it back down. A 429 delays only its own request by Retry-After: the others keep
 * going at the new pace. A long Retry-After (the team's quota is spent) or a 429 with no success
 * to measure pauses every request instead, and halves those in flight.
 * Rate-limit waiting is bounded: once xAI has answered nothing but 429s for `maxRateLimitWaitMs`,
 * the items still waiting fail instead of queueing for minutes.
 */
export { RequestScheduler } from './requestScheduler';
export type { SchedulerOptions } from './requestScheduler';
export { isRetryable, MAX_RETRY_WAIT_MS } from './retryPolicy';
export { DEFAULT_MAX_RATE_LIMIT_WAIT_MS } from './rateLimitBudget';
export { abortableSleep } from './sleep';
