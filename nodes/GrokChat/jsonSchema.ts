/**
 * Checks a structured reply against the JSON Schema the user gave: the parts of JSON Schema that
 * xAI's structured outputs use (type, enum, const, properties, required, additionalProperties,
 * items). Returns the first mismatch, with its path, or undefined.
 */
type Schema = Record<string, unknown>;

const TYPE_CHECKS: Record<string, (value: unknown) => boolean> = {
	string: (value) => typeof value === 'string',
	number: (value) => typeof value === 'number',
	integer: (value) => Number.isInteger(value),
	boolean: (value) => typeof value === 'boolean',
	null: (value) => value === null,
	array: (value) => Array.isArray(value),
	object: (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
};

export function schemaMismatch(value: unknown, schema: Schema, path = '$'): string | undefined {
	const types = schema.type === undefined ? [] : ([] as unknown[]).concat(schema.type);
	if (types.length > 0 && !types.some((type) => TYPE_CHECKS[type as string]?.(value))) {
		return `${path} should be ${types.join(' or ')}, not ${describe(value)}`;
	}
	if (Array.isArray(schema.enum) && !schema.enum.some((option) => equal(option, value))) {
		return `${path} should be one of ${JSON.stringify(schema.enum)}`;
	}
	if ('const' in schema && !equal(schema.const, value)) {
		return `${path} should be ${JSON.stringify(schema.const)}`;
	}
	if (TYPE_CHECKS.object(value))
		return objectMismatch(value as Record<string, unknown>, schema, path);
	if (Array.isArray(value) && isSchema(schema.items)) {
		for (const [index, element] of value.entries()) {
			const mismatch = schemaMismatch(element, schema.items, `${path}[${index}]`);
			if (mismatch) return mismatch;
		}
	}
	return undefined;
}

function objectMismatch(value: Record<string, unknown>, schema: Schema, path: string) {
	const properties = isSchema(schema.properties)
		? (schema.properties as Record<string, Schema>)
		: {};
	for (const key of Array.isArray(schema.required) ? schema.required : []) {
		if (!(key in value)) return `${path}.${String(key)} is missing`;
	}
	for (const [key, element] of Object.entries(value)) {
		if (isSchema(properties[key])) {
			const mismatch = schemaMismatch(element, properties[key], `${path}.${key}`);
			if (mismatch) return mismatch;
		} else if (schema.additionalProperties === false) {
			return `${path}.${key} is not allowed`;
		}
	}
	return undefined;
}

function isSchema(value: unknown): value is Schema {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function equal(a: unknown, b: unknown) {
	return JSON.stringify(a) === JSON.stringify(b);
}

function describe(value: unknown) {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
