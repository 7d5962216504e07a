import { type JsonSchema, resolve, sortedKeys } from './json-schema';

/** Keywords that document and do not constrain: changing them never breaks a consumer. */
const ANNOTATIONS = new Set(['description', 'title', '$comment', '$schema', 'examples']);

/**
 * What makes `after` unsafe to publish under the same schema version as `before`: a consumer
 * written against `before` must keep reading every event valid against `after`. Only one change
 * passes: a new optional property on an object. Removing a property, changing its type (even
 * widening it: a consumer would meet a value it never handled), making it required or optional,
 * or changing enums, constants, items or formats breaks it. Empty when compatible.
 */
export const breakingChanges = (before: JsonSchema, after: JsonSchema): string[] => {
  const problems: string[] = [];
  compare(before, after, before.definitions ?? {}, after.definitions ?? {}, '', problems);
  return problems;
};

const compare = (
  beforeNode: JsonSchema,
  afterNode: JsonSchema,
  beforeDefs: Readonly<Record<string, JsonSchema>>,
  afterDefs: Readonly<Record<string, JsonSchema>>,
  path: string,
  problems: string[],
): void => {
  const before = resolve(beforeNode, beforeDefs);
  const after = resolve(afterNode, afterDefs);
  const at = path === '' ? '(the payload)' : path;
  const beforeProps = before.properties ?? {};
  const afterProps = after.properties ?? {};
  for (const [name, schema] of Object.entries(beforeProps)) {
    const next = afterProps[name];
    if (next === undefined) problems.push(`${path}/${name}: removed`);
    else compare(schema, next, beforeDefs, afterDefs, `${path}/${name}`, problems);
  }
  const beforeRequired = new Set(before.required ?? []);
  const afterRequired = new Set(after.required ?? []);
  for (const name of Object.keys(afterProps)) {
    const added = !(name in beforeProps);
    if (added && afterRequired.has(name)) problems.push(`${path}/${name}: added as required`);
    if (!added && beforeRequired.has(name) && !afterRequired.has(name))
      problems.push(`${path}/${name}: no longer required`);
    if (!added && !beforeRequired.has(name) && afterRequired.has(name))
      problems.push(`${path}/${name}: now required`);
  }
  const beforeRest = constraints(before);
  const afterRest = constraints(after);
  for (const keyword of new Set([...Object.keys(beforeRest), ...Object.keys(afterRest)])) {
    const was = beforeRest[keyword];
    const is = afterRest[keyword];
    if (was !== undefined && is !== undefined && keyword in NESTED) {
      compareNested(keyword, was, is, beforeDefs, afterDefs, path, problems);
    } else if (JSON.stringify(sortedKeys(was)) !== JSON.stringify(sortedKeys(is))) {
      problems.push(`${at}: ${keyword} ${JSON.stringify(was)} → ${JSON.stringify(is)}`);
    }
  }
};

/** Keywords holding schemas, compared schema by schema (so a nested $ref can be followed). */
const NESTED = { items: true, anyOf: true, oneOf: true, allOf: true } as const;

const compareNested = (
  keyword: string,
  was: unknown,
  is: unknown,
  beforeDefs: Readonly<Record<string, JsonSchema>>,
  afterDefs: Readonly<Record<string, JsonSchema>>,
  path: string,
  problems: string[],
): void => {
  const wasList = Array.isArray(was) ? (was as JsonSchema[]) : [was as JsonSchema];
  const isList = Array.isArray(is) ? (is as JsonSchema[]) : [is as JsonSchema];
  if (wasList.length !== isList.length || Array.isArray(was) !== Array.isArray(is)) {
    problems.push(`${path === '' ? '(the payload)' : path}: ${keyword} changed shape`);
    return;
  }
  wasList.forEach((schema, i) => {
    const at = Array.isArray(was) ? `${path}/${keyword}[${i}]` : `${path}/${keyword}`;
    compare(schema, isList[i]!, beforeDefs, afterDefs, at, problems);
  });
};

/** Every constraining keyword of a node except the properties, compared one by one above. */
const constraints = (schema: JsonSchema): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(schema).filter(
      ([keyword]) =>
        !ANNOTATIONS.has(keyword) &&
        !['properties', 'required', 'definitions', '$ref'].includes(keyword),
    ),
  );
