/** The options both versions read alike, and the checks of those both send alike. */
import { integerOption, numberOption } from '../../shared/options';
import type { ResponseFormat } from './structuredOutput';

/** The options both versions read alike. */
export interface CommonOptions {
	maxTokens?: number;
	stream?: boolean;
	temperature?: number;
	topP?: number;
	responseFormat?: ResponseFormat;
	jsonSchema?: string | object;
	user?: string;
	timeout?: number;
	maxRetries?: number;
	concurrency?: number;
	maxRateLimitWait?: number;
	includeReasoning?: boolean;
	conversationId?: string;
}

/** Maximum Number of Tokens (sent as `maxTokensKey`), Sampling Temperature and Top P, as set. */
export function tokensAndSampling<Key extends string>(
	options: CommonOptions,
	maxTokensKey: Key,
): Partial<Record<Key | 'temperature' | 'top_p', number>> {
	const body: Partial<Record<string, number>> = {};
	if (options.maxTokens !== undefined) {
		body[maxTokensKey] = integerOption(options.maxTokens, 'Maximum Number of Tokens', 1);
	}
	if (options.temperature !== undefined) {
		body.temperature = numberOption(options.temperature, 'Sampling Temperature', 0, 2);
	}
	if (options.topP !== undefined) body.top_p = numberOption(options.topP, 'Top P', 0, 1);
	return body;
}
