/** What both operations of Grok Voice share: sample rates, and the cost xAI may report. */
import type { INodeProperties } from 'n8n-workflow';

import { costUsdOf } from '../../shared/cost';

export const SAMPLE_RATES = [8000, 16000, 22050, 24000, 44100, 48000];
const SAMPLE_RATE_OPTIONS = SAMPLE_RATES.map((rate) => ({ name: `${rate} Hz`, value: rate }));

/** The Sample Rate option; `overrides` sets its default, description and when it shows. */
export function sampleRateOption(overrides: Partial<INodeProperties>): INodeProperties {
	return {
		displayName: 'Sample Rate',
		name: 'sampleRate',
		type: 'options',
		default: 24000,
		options: SAMPLE_RATE_OPTIONS,
		...overrides,
	};
}

/**
 * xAI's cost of a reply in USD, where it reports one it could have charged: at the top of the
 * reply or in its `usage` (read by the package's one cost rule, `costUsdOf`).
 */
export function costOf(reply: Record<string, unknown>): number | undefined {
	return costUsdOf(reply.cost_in_usd_ticks != null ? reply : reply.usage);
}
