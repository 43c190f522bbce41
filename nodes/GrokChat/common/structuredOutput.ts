/**
 * Structured output, as both versions ask for it and Grok Batch reads it: a reply in JSON (an
 * object, or one that follows the user's JSON Schema) is returned parsed, and refused when it is
 * not what was asked for.
 */
import { InvalidReplyError } from '../../shared/errors';
import type { ReplyCheck } from '../../shared/jsonSchema';
import { isObject, NOT_JSON, parseJson } from '../../shared/json';

/** The Response Format option. */
export type ResponseFormat = 'text' | 'json_object' | 'json_schema';

export interface OutputOptions {
	responseFormat?: ResponseFormat;
	includeReasoning?: boolean;
	/** The check a json_schema reply must pass. */
	check?: ReplyCheck;
}

export function parseContent(text: string, { responseFormat, check }: OutputOptions): unknown {
	if (responseFormat !== 'json_object' && responseFormat !== 'json_schema') return text;
	const parsed = parseJson(text);
	if (parsed === NOT_JSON) {
		throw new InvalidReplyError(
			'The reply is not valid JSON, although the response format asks for JSON',
			text,
		);
	}
	if (responseFormat === 'json_object' && !isObject(parsed)) {
		throw new InvalidReplyError(
			'The reply is JSON but not an object, although the response format asks for a JSON object',
			text,
		);
	}
	const mismatch = responseFormat === 'json_schema' ? check?.(parsed) : undefined;
	if (mismatch) {
		throw new InvalidReplyError(`The reply does not match the JSON Schema: ${mismatch}`, text);
	}
	return parsed;
}
