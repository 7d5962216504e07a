/** The parts of a JSON Schema (draft-07) the contracts read; everything else passes through. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
  readonly description?: string;
  readonly [keyword: string]: unknown;
}

const DEFINITIONS = '#/definitions/';

export const definitionName = (ref: string): string => {
  if (!ref.startsWith(DEFINITIONS)) throw new Error(`unsupported $ref ${ref}`);
  return decodeURIComponent(ref.slice(DEFINITIONS.length));
};

export const definitionRef = (name: string): string => `${DEFINITIONS}${encodeURIComponent(name)}`;

/** Follows `$ref`s at the top of `schema` to the definition they name. */
export const resolve = (
  schema: JsonSchema,
  definitions: Readonly<Record<string, JsonSchema>>,
): JsonSchema => {
  let current = schema;
  for (let hops = 0; current.$ref !== undefined; hops += 1) {
    const found = definitions[definitionName(current.$ref)];
    if (!found || hops > 32) throw new Error(`unresolvable $ref ${current.$ref}`);
    current = found;
  }
  return current;
};

/** A deep copy of a JSON value with object keys sorted, so equal schemas print alike. */
export const sortedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
};

export const printJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
