import { definitionName, definitionRef, type JsonSchema, resolve } from './json-schema';

/** One event type's payload schema, as published. */
export interface EventSchema {
  readonly type: string;
  readonly schema: JsonSchema;
}

const JSON_SCHEMA_DRAFT = 'http://json-schema.org/draft-07/schema#';
/** Names the TypeScript types carry; anything else is a generator-made name, inlined. */
const NAMED_TYPE = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Splits the generator's schema of a category's event union (`DomainEvent<Type, Data>` members)
 * into one schema per event type: the `data` the message value carries. Named types (CurrencyCode,
 * OrderLine…) stay shared definitions; anonymous intersections are inlined, as their generated
 * names change with every edit of the source file.
 */
export const eventSchemasOfUnion = (union: JsonSchema, unionType: string): EventSchema[] => {
  const definitions = union.definitions ?? {};
  const members = resolve({ $ref: definitionRef(unionType) }, definitions);
  const refs = Array.isArray(members['anyOf']) ? (members['anyOf'] as JsonSchema[]) : [members];
  return refs.map((memberRef) => {
    const alias = memberRef.$ref ? definitions[definitionName(memberRef.$ref)] : undefined;
    const event = resolve(memberRef, definitions);
    const type = event.properties?.['type']?.['const'];
    const data = event.properties?.['data'];
    if (typeof type !== 'string' || !data)
      throw new Error(`${unionType}: a member is not a DomainEvent<Type, Data>`);
    const used = new Map<string, JsonSchema>();
    const payload = inlined(resolve(data, definitions), definitions, used);
    const description = alias?.description;
    return {
      type,
      schema: {
        $schema: JSON_SCHEMA_DRAFT,
        title: type,
        ...(description !== undefined && { description }),
        ...payload,
        ...(used.size > 0 && {
          definitions: Object.fromEntries([...used].sort(([a], [b]) => a.localeCompare(b))),
        }),
      },
    };
  });
};

/** `schema` with references to generator-named definitions replaced by their content. */
const inlined = (
  schema: unknown,
  definitions: Readonly<Record<string, JsonSchema>>,
  used: Map<string, JsonSchema>,
): JsonSchema => {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const node = value as JsonSchema;
    if (typeof node.$ref === 'string') {
      const name = definitionName(node.$ref);
      const target = definitions[name];
      if (!target) throw new Error(`unresolvable $ref ${node.$ref}`);
      if (!NAMED_TYPE.test(name)) return walk(target);
      if (!used.has(name)) {
        used.set(name, {}); // placeholder first: a recursive type stops here
        used.set(name, walk(target) as JsonSchema);
      }
      return { $ref: definitionRef(name) };
    }
    return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child)]));
  };
  return walk(schema) as JsonSchema;
};
