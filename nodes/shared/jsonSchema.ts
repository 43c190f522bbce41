/**
 * Structured replies checked against the user's JSON Schema with Ajv, the ecosystem's standard
 * validator. A schema is compiled once per execution (items share it) and refused before any
 * request when Ajv cannot compile it.
 */
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';

import { InvalidParameterError } from './errors';
import { isObject, NOT_JSON, parseJson } from './json';

/** Returns the first mismatch of a reply, with its path, or undefined. */
export type ReplyCheck = (value: unknown) => string | undefined;

const ajv = new Ajv({
	strict: false,
	validateFormats: false,
	logger: false,
	verbose: true,
	// A reply's own properties only: `required: ["toString"]` is not met by Object.prototype.
	ownProperties: true,
});
/**
 * Compiled schemas by their JSON, so that an execution's items compile theirs once. Bounded: an
 * n8n process runs for months, and an expression may make a schema per item.
 */
const compiled = new Map<string, { validate: ValidateFunction; schema: object }>();
const MAX_COMPILED = 100;

const SCHEMA_FIELD = 'Options › JSON Schema';

/** The JSON Schema option (JSON text or an object), refused unless Ajv can compile it. */
export function schemaOption(value: unknown): Record<string, unknown> {
	const parsed = typeof value === 'string' ? parseJson(value) : value;
	if (parsed === NOT_JSON) throw new InvalidParameterError(SCHEMA_FIELD, 'is not valid JSON');
	if (!isObject(parsed)) {
		throw new InvalidParameterError(
			SCHEMA_FIELD,
			'must be a JSON object, e.g. {"type": "object", "properties": {...}}',
		);
	}
	compileSchema(parsed);
	return parsed;
}

/** Ajv's validator of `schema`, compiled once; or what is wrong with the schema. */
function compiledOrProblem(schema: Record<string, unknown>): ValidateFunction | string {
	try {
		const key = JSON.stringify(schema);
		let validate = compiled.get(key)?.validate;
		if (!validate) {
			validate = ajv.compile(schema);
			compiled.set(key, { validate, schema });
			if (compiled.size > MAX_COMPILED) forgetOldest();
		}
		return validate;
	} catch (error) {
		return error instanceof RangeError
			? 'is nested too deeply'
			: `is not a valid JSON Schema (${(error as Error).message})`;
	}
}

export function compileSchema(schema: Record<string, unknown>, field = SCHEMA_FIELD): ReplyCheck {
	const validate = compiledOrProblem(schema);
	if (typeof validate === 'string') throw new InvalidParameterError(field, validate);
	const check = validate;
	return (value) => {
		try {
			return check(value) ? undefined : describe(check.errors?.[0]);
		} catch {
			return 'the reply is nested too deeply to check';
		}
	};
}

/** Drops the oldest compiled schema, also from Ajv's own cache, which keys it by object. */
function forgetOldest() {
	const [key, oldest] = compiled.entries().next().value as [string, { schema: object }];
	compiled.delete(key);
	ajv.removeSchema(oldest.schema);
}

function describe(error: ErrorObject | undefined): string {
	if (!error) return 'it does not match';
	const path = `$${error.instancePath.replace(/\/([^/]*)/g, (_, part: string) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`))}`;
	const params = error.params as Record<string, unknown>;
	if (error.keyword === 'required') return `${path}.${String(params.missingProperty)} is missing`;
	if (error.keyword === 'additionalProperties') {
		return `${path}.${String(params.additionalProperty)} is not allowed`;
	}
	if (error.keyword === 'type') {
		const types = ([] as unknown[]).concat(params.type).join(' or ');
		return `${path} should be ${types}, not ${describeValue(error.data)}`;
	}
	if (error.keyword === 'enum') {
		return `${path} should be one of ${JSON.stringify(params.allowedValues)}`;
	}
	return `${path} ${error.message ?? 'does not match'}`;
}

function describeValue(value: unknown) {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
