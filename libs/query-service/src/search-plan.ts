import { InvalidInput } from '@ledgerline/domain';
import {
  type CursorCodec,
  type CursorValue,
  filterHash,
  pageSize,
  type PageSizeLimits,
} from './cursor';
import {
  buildSearch,
  type SearchBody,
  type SearchFields,
  type SearchFilter,
  type SearchSort,
} from './search';

/**
 * The search messages of a query proto. Each context's package declares its own copy of these
 * messages, with the same shape, so one plan serves every query service.
 */
export interface ProtoSearchRequest {
  readonly filters: readonly {
    readonly field: string;
    readonly op: string | number;
    readonly values: readonly string[];
    readonly range: Readonly<Record<'gt' | 'gte' | 'lt' | 'lte', string>> | null;
  }[];
  readonly sort: readonly { readonly field: string; readonly order: string | number }[];
  readonly pageSize: number;
  readonly pageToken: string;
}

/** What a service may search: its whitelist, the document id to break ties, its page sizes. */
export interface SearchSpec {
  /** Scopes page tokens: a token of one search view is refused by another. */
  readonly view: string;
  readonly fields: SearchFields;
  readonly tiebreaker: string;
  readonly limits: PageSizeLimits;
  /** The keyword field holding a document's owner (its subject), for `planSearch`'s `owner`. */
  readonly ownerField?: string;
}

export interface SearchPlan {
  /** The `_search` body: whitelisted filters and sort, one document more than the page. */
  readonly body: SearchBody;
  /** The page from the hits, and the token of the next page when there is one. */
  page<Hit extends { readonly sort?: readonly unknown[] | undefined }>(
    hits: readonly Hit[],
  ): { readonly hits: readonly Hit[]; readonly nextPageToken: string };
}

const OPS = {
  SEARCH_OPERATOR_EQ: 'eq',
  SEARCH_OPERATOR_IN: 'in',
  SEARCH_OPERATOR_RANGE: 'range',
  SEARCH_OPERATOR_MATCH: 'match',
} as const;
const RANGE_KEYS = ['gt', 'gte', 'lt', 'lte'] as const;

const filterOf = (filter: ProtoSearchRequest['filters'][number], i: number): SearchFilter => {
  const where = `filters[${i}]`;
  const op = Object.prototype.hasOwnProperty.call(OPS, filter.op)
    ? OPS[filter.op as keyof typeof OPS]
    : undefined;
  if (!op)
    throw new InvalidInput(
      `${where}.op`,
      filter.op === 'SEARCH_OPERATOR_UNSPECIFIED' || filter.op === 0
        ? 'is required'
        : `"${String(filter.op)}" is not an operator`,
    );
  const { field, values } = filter;
  switch (op) {
    case 'eq':
    case 'match':
      if (values.length !== 1 || values[0] === undefined)
        throw new InvalidInput(`${where}.values`, `must hold exactly one value for ${op}`);
      return { field, op, value: values[0] };
    case 'in':
      return { field, op, value: [...values] };
    case 'range':
      return {
        field,
        op,
        value: Object.fromEntries(
          RANGE_KEYS.flatMap((key) => {
            const bound = filter.range?.[key];
            return bound ? [[key, bound]] : [];
          }),
        ),
      };
  }
};

const sortOf = (sort: ProtoSearchRequest['sort'][number], i: number): SearchSort => {
  switch (sort.order) {
    case 'SORT_ORDER_UNSPECIFIED':
    case 'SORT_ORDER_ASC':
    case 0:
    case 1:
      return { field: sort.field, order: 'asc' };
    case 'SORT_ORDER_DESC':
    case 2:
      return { field: sort.field, order: 'desc' };
    default:
      throw new InvalidInput(`sort[${i}].order`, `"${String(sort.order)}" is not a sort order`);
  }
};

/**
 * buildSearch names a filter's values `filters[i].value…`; the proto calls them `values` (EQ,
 * IN, MATCH) and `range` (RANGE), so errors name the field the caller actually sent.
 */
const inProtoTerms = (error: unknown, filters: readonly SearchFilter[]): unknown => {
  if (!(error instanceof InvalidInput)) return error;
  const match = /^filters\[(\d+)\]\.value(.*)$/.exec(error.field);
  if (!match) return error;
  const [, index, rest = ''] = match;
  const where = `filters[${index}]`;
  const field =
    filters[Number(index)]?.op === 'range'
      ? `${where}.range${rest}`
      : `${where}.values${rest === '' && filters[Number(index)]?.op !== 'in' ? '[0]' : rest}`;
  return new InvalidInput(field, error.reason);
};

/**
 * Checks a search request against the whitelist and decodes its page token, before any wait or
 * search: a structured request only (no query strings), a capped page size, and `search_after`
 * paging whose tokens fit only the filters and sort they came from. With `owner`, only that
 * owner's documents match (a term on `spec.ownerField`, whatever the caller's filters say), and
 * the page tokens are that owner's too.
 */
export const planSearch = (
  cursors: CursorCodec,
  spec: SearchSpec,
  request: ProtoSearchRequest,
  owner?: string,
): SearchPlan => {
  if (owner !== undefined && spec.ownerField === undefined)
    throw new Error(`${spec.view}: an owner's search needs the spec's ownerField`);
  const filters = request.filters.map(filterOf);
  const sort = request.sort.map(sortOf);
  const size = pageSize(request.pageSize, spec.limits);
  // Unrestricted searches hash as they always did, so their page tokens stay valid.
  const scope = {
    view: spec.view,
    filterHash: filterHash({ filters, sort, ...(owner !== undefined && { owner }) }),
  };
  const searchAfter = request.pageToken
    ? cursors.decodeCursor(request.pageToken, scope)
    : undefined;
  let body: SearchBody;
  try {
    body = buildSearch(
      { filters, sort, pageSize: size + 1, ...(searchAfter && { searchAfter }) },
      spec.fields,
      { tiebreaker: spec.tiebreaker, limits: { default: size + 1, max: size + 1 } },
    );
  } catch (error) {
    throw inProtoTerms(error, filters);
  }
  if (owner !== undefined && spec.ownerField !== undefined)
    body = {
      ...body,
      query: {
        bool: {
          ...body.query.bool,
          filter: [...body.query.bool.filter, { term: { [spec.ownerField]: owner } }],
        },
      },
    };
  return {
    body,
    page(hits) {
      const page = hits.slice(0, size);
      const last = page[page.length - 1];
      return {
        hits: page,
        nextPageToken:
          hits.length > size && last?.sort
            ? cursors.encodeCursor(last.sort as CursorValue[], scope)
            : '',
      };
    },
  };
};
