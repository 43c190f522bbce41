/**
 * Options every node of the package offers alike: how its requests are sent, retried and spread
 * over time, in the Options collection. Their names are read by openSession and callSettings.
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_CONCURRENCY,
	DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
	DEFAULT_MAX_RETRIES,
	DEFAULT_TIMEOUT_MS,
	MAX_RATE_LIMIT_WAIT_SECONDS,
	MAX_RETRIES_LIMIT,
} from './options';

/**
 * The Options collection as every node shows it, which these options stand in (read as
 * `options.concurrency`, …). A node adds when it shows (`displayOptions`) and its `options`.
 */
export const optionsCollection: Pick<
	INodeProperties,
	'displayName' | 'name' | 'type' | 'placeholder' | 'default'
> = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
};

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 64 },
	default: DEFAULT_CONCURRENCY,
	description:
		"How many items to send to xAI at once; 1 sends them one after another. At 8, replies of about 2 s make some 240 requests a minute, well within xAI's usual rate limits; when xAI answers 429 the node slows down by itself.",
};

export const maxRetriesOption: INodeProperties = {
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: MAX_RETRIES_LIMIT },
	default: DEFAULT_MAX_RETRIES,
	description:
		'How many times to retry a request that failed on a rate limit (429, waiting as xAI asks), a server error (5xx, 408, 409) or a lost connection, with growing pauses. Timeouts and other errors are not retried.',
};

export const maxRateLimitWaitOption: INodeProperties = {
	displayName: 'Max Rate-Limit Wait',
	name: 'maxRateLimitWait',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: MAX_RATE_LIMIT_WAIT_SECONDS },
	default: DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
	description:
		'Seconds the execution may keep waiting while xAI answers every request with 429 (rate limited). After that, the items not yet answered fail instead of waiting on.',
};

/** The Timeout option, with what a reply of this node takes said in `description`. */
export function timeoutOption(description: string): INodeProperties {
	return {
		displayName: 'Timeout',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1000 },
		default: DEFAULT_TIMEOUT_MS,
		description,
	};
}
