/** Options of a Responses request (Grok Chat version 2, Grok Chat Model) -> its fields, checked. */
import { InvalidParameterError } from '../../shared/errors';
import { pathSegmentProblem } from '../../shared/ids';
import { schemaOption } from '../../shared/jsonSchema';
import { booleanOf, textParameter } from '../../shared/options';
import type { ResponsesRequest } from '../../shared/xai/responses/types';
import type { CommonOptions } from './commonOptions';
import { tokensAndSampling } from './commonOptions';

export const REASONING_EFFORTS = ['none', 'low', 'medium', 'high', 'xhigh'] as const;
export const SERVICE_TIERS = ['default', 'priority'] as const;

export interface ResponsesOptions extends CommonOptions {
	reasoningEffort?: string;
	serviceTier?: string;
	store?: boolean;
	previousResponseId?: string;
}

/** Only what the user set is sent, except `store`, which is false unless the user turns it on. */
export function optionsToBody(
	options: ResponsesOptions,
): Omit<ResponsesRequest, 'model' | 'input'> {
	const body: Partial<ResponsesRequest> = tokensAndSampling(options, 'max_output_tokens');
	if (options.reasoningEffort !== undefined) {
		body.reasoning = {
			effort: oneOf(options.reasoningEffort, 'Options › Reasoning Effort', REASONING_EFFORTS),
		};
	}
	if (options.responseFormat === 'json_schema') {
		const schema = schemaOption(options.jsonSchema);
		body.text = { format: { type: 'json_schema', name: 'response', schema, strict: true } };
	} else if (options.responseFormat !== undefined) {
		const type = oneOf(options.responseFormat, 'Options › Response Format', [
			'text',
			'json_object',
		] as const);
		body.text = { format: { type } };
	}
	const user = textParameter(options.user, 'Options › User').trim();
	if (user) body.user = user;
	if (options.serviceTier !== undefined) {
		body.service_tier = oneOf(options.serviceTier, 'Options › Service Tier', SERVICE_TIERS);
	}
	const cacheKey = textParameter(options.conversationId, 'Options › Conversation ID').trim();
	if (cacheKey) body.prompt_cache_key = cacheKey;
	const previous = textParameter(
		options.previousResponseId,
		'Options › Previous Response ID',
	).trim();
	if (previous) {
		const problem = pathSegmentProblem(previous);
		if (problem) {
			throw new InvalidParameterError(
				'Options › Previous Response ID',
				`"${previous.slice(0, 100)}" is not a response ID: ${problem}`,
			);
		}
		body.previous_response_id = previous;
	}
	const store =
		options.store === undefined ? false : booleanOf(options.store, 'Options › Store Response');
	return { ...body, store };
}

function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
	if (!allowed.includes(value as T)) {
		throw new InvalidParameterError(
			field,
			`${JSON.stringify(value)} is not one of ${allowed.join(', ')}`,
		);
	}
	return value as T;
}
