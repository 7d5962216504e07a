import { checkText, InvalidInput } from '@ledgerline/domain';
import { type CursorValue, pageSize, type PageSizeLimits } from './cursor';
import { ISO_DATE_FORMS, isInt64, isIsoDate } from './search-values';

export type FilterOp = 'eq' | 'in' | 'range' | 'match';

/** A searchable field: its Elasticsearch type, the operators callers may use and whether it sorts. */
export interface SearchField {
  readonly type: 'keyword' | 'text' | 'long' | 'double' | 'date' | 'boolean';
  readonly ops: readonly FilterOp[];
  readonly sortable?: boolean;
  /** The mapped path when it differs from the public name, e.g. `amount.minor`. */
  readonly path?: string;
}

/** The whitelist: public field name → what may be done with it. Nothing else reaches the query. */
export type SearchFields = Readonly<Record<string, SearchField>>;

export type RangeValue = Readonly<Partial<Record<'gt' | 'gte' | 'lt' | 'lte', string | number>>>;

export type SearchFilter =
  | { readonly field: string; readonly op: 'eq'; readonly value: string | number | boolean }
  | { readonly field: string; readonly op: 'in'; readonly value: readonly (string | number)[] }
  | { readonly field: string; readonly op: 'range'; readonly value: RangeValue }
  | { readonly field: string; readonly op: 'match'; readonly value: string };

export interface SearchSort {
  readonly field: string;
  readonly order?: 'asc' | 'desc';
}

export interface SearchRequest {
  readonly filters?: readonly SearchFilter[];
  readonly sort?: readonly SearchSort[];
  readonly pageSize?: number;
  /** The previous page's last sort values (from its cursor). */
  readonly searchAfter?: readonly CursorValue[];
}

export interface SearchOptions {
  /** A unique keyword field (the document id) appended to every sort, so paging is total. */
  readonly tiebreaker: string;
  readonly limits?: PageSizeLimits;
}

/** A `_search` body: only term-level and match queries on whitelisted fields. */
export interface SearchBody {
  readonly query: {
    readonly bool: { readonly filter: readonly object[]; readonly must: readonly object[] };
  };
  readonly sort: readonly Record<string, { order: 'asc' | 'desc'; missing?: number }>[];
  readonly size: number;
  readonly search_after?: readonly CursorValue[];
  readonly track_total_hits: false;
}

const MAX_FILTERS = 20;
const MAX_IN_VALUES = 100;
const MAX_TEXT_LENGTH = 256;
const RANGE_KEYS = new Set(['gt', 'gte', 'lt', 'lte']);

const fieldOf = (fields: SearchFields, name: unknown, where: string): SearchField => {
  // Own properties only: `__proto__`, `constructor` or `*` are never fields.
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(fields, name))
    throw new InvalidInput(
      where,
      `"${String(name)}" is not searchable; use one of ${Object.keys(fields).join(', ')}`,
    );
  return fields[name]!;
};

const scalar = (field: SearchField, value: unknown, where: string): string | number | boolean => {
  const fail = (expected: string) =>
    new InvalidInput(where, `must be ${expected} for a ${field.type} field`);
  switch (field.type) {
    case 'keyword':
    case 'text':
      if (typeof value !== 'string' || value.length > MAX_TEXT_LENGTH)
        throw fail(`a string of at most ${MAX_TEXT_LENGTH} characters`);
      // The rule every text a command takes: no control characters, no unpaired surrogates.
      return checkText(where, value);
    case 'long':
      if (!isInt64(value))
        throw fail('an integer from -9223372036854775808 to 9223372036854775807');
      return value;
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw fail('a finite number');
      return value;
    case 'date':
      if (!isIsoDate(value)) throw fail(`an ISO 8601 date (${ISO_DATE_FORMS})`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw fail('true or false');
      return value;
  }
};

const clause = (filter: SearchFilter, field: SearchField, path: string, where: string): object => {
  if (!field.ops.includes(filter.op))
    throw new InvalidInput(
      `${where}.op`,
      `"${String(filter.op)}" is not allowed on ${filter.field}; use ${field.ops.join(', ')}`,
    );
  switch (filter.op) {
    case 'eq':
      return { term: { [path]: scalar(field, filter.value, `${where}.value`) } };
    case 'in': {
      const values: unknown = filter.value;
      if (!Array.isArray(values) || values.length === 0 || values.length > MAX_IN_VALUES)
        throw new InvalidInput(`${where}.value`, `must list 1 to ${MAX_IN_VALUES} values`);
      return { terms: { [path]: values.map((v, i) => scalar(field, v, `${where}.value[${i}]`)) } };
    }
    case 'range': {
      const value: unknown = filter.value;
      const entries = typeof value === 'object' && value !== null ? Object.entries(value) : [];
      if (entries.length === 0 || entries.some(([key]) => !RANGE_KEYS.has(key)))
        throw new InvalidInput(
          `${where}.value`,
          'must have some of gt, gte, lt, lte and nothing else',
        );
      return {
        range: {
          [path]: Object.fromEntries(
            entries.map(([key, v]) => [key, scalar(field, v, `${where}.value.${key}`)]),
          ),
        },
      };
    }
    case 'match':
      // A match query analyses its text; it never parses query syntax (unlike query_string).
      return {
        match: {
          [path]: { query: scalar(field, filter.value, `${where}.value`), operator: 'and' },
        },
      };
    default: {
      const op: unknown = (filter as { op: unknown }).op;
      throw new InvalidInput(`${where}.op`, `"${String(op)}" is not an operator`);
    }
  }
};

/**
 * Builds an Elasticsearch `_search` body from a structured request: every field must be in the
 * whitelist with the operator it allows, values are checked against the field's type and passed
 * as literals, the sort ends with the tiebreaker so `search_after` pages are stable, and the page
 * size is capped. Errors are InvalidInput naming the offending part of the request.
 */
export const buildSearch = (
  request: SearchRequest,
  fields: SearchFields,
  options: SearchOptions,
): SearchBody => {
  const filters = request.filters ?? [];
  if (filters.length > MAX_FILTERS)
    throw new InvalidInput('filters', `must have at most ${MAX_FILTERS} entries`);
  const filter: object[] = [];
  const must: object[] = [];
  filters.forEach((f, i) => {
    const where = `filters[${i}]`;
    const field = fieldOf(fields, f.field, `${where}.field`);
    const built = clause(f, field, field.path ?? f.field, where);
    (f.op === 'match' ? must : filter).push(built);
  });

  const sort = (request.sort ?? []).map((s, i) => {
    const field = fieldOf(fields, s.field, `sort[${i}].field`);
    if (!field.sortable || field.type === 'text')
      throw new InvalidInput(`sort[${i}].field`, `cannot sort by ${s.field}`);
    const order = s.order ?? 'asc';
    if (order !== 'asc' && order !== 'desc')
      throw new InvalidInput(`sort[${i}].order`, 'must be asc or desc');
    // A document without a numeric or date field sorts last by Long.MAX_VALUE / MIN_VALUE by
    // default: values a JS number cannot hold, so its page token could not resume after it.
    const numeric = field.type === 'long' || field.type === 'double' || field.type === 'date';
    const missing = order === 'asc' ? Number.MAX_SAFE_INTEGER : -Number.MAX_SAFE_INTEGER;
    return { [field.path ?? s.field]: numeric ? { order, missing } : { order } };
  });
  const last = sort[sort.length - 1];
  if (!last || !(options.tiebreaker in last)) sort.push({ [options.tiebreaker]: { order: 'asc' } });

  const searchAfter = request.searchAfter;
  if (searchAfter !== undefined && searchAfter.length !== sort.length)
    throw new InvalidInput('pageToken', 'does not match the sort of this query');
  return {
    query: { bool: { filter, must } },
    sort,
    size: pageSize(request.pageSize, options.limits),
    ...(searchAfter !== undefined && { search_after: [...searchAfter] }),
    track_total_hits: false,
  };
};
