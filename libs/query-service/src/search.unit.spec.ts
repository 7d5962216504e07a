import { buildSearch, type SearchFields, type SearchFilter, type SearchRequest } from './search';

const fields: SearchFields = {
  status: { type: 'keyword', ops: ['eq', 'in'], sortable: true },
  amount: { type: 'long', ops: ['eq', 'range'], sortable: true, path: 'amount_minor' },
  createdAt: { type: 'date', ops: ['range'], sortable: true, path: 'created_at' },
  description: { type: 'text', ops: ['match'] },
};
const options = { tiebreaker: 'payment_id', limits: { default: 50, max: 200 } };
const build = (request: SearchRequest) => buildSearch(request, fields, options);
const filter = (f: unknown) => build({ filters: [f as SearchFilter] });

describe('a structured search', () => {
  it('becomes term-level filters and match queries on the mapped paths', () => {
    const body = build({
      filters: [
        { field: 'status', op: 'in', value: ['captured', 'refunded'] },
        { field: 'amount', op: 'range', value: { gte: 100, lt: '5000' } },
        { field: 'description', op: 'match', value: 'order 42' },
      ],
      sort: [{ field: 'createdAt', order: 'desc' }],
      pageSize: 20,
    });
    expect(body).toEqual({
      query: {
        bool: {
          filter: [
            { terms: { status: ['captured', 'refunded'] } },
            { range: { amount_minor: { gte: 100, lt: '5000' } } },
          ],
          must: [{ match: { description: { query: 'order 42', operator: 'and' } } }],
        },
      },
      sort: [
        { created_at: { order: 'desc', missing: -Number.MAX_SAFE_INTEGER } },
        { payment_id: { order: 'asc' } },
      ],
      size: 20,
      track_total_hits: false,
    });
  });

  it('always ends its sort with the tiebreaker and pages with search_after', () => {
    const body = build({ searchAfter: ['captured', 'payment-9'], sort: [{ field: 'status' }] });
    expect(body.sort).toEqual([{ status: { order: 'asc' } }, { payment_id: { order: 'asc' } }]);
    expect(body.search_after).toEqual(['captured', 'payment-9']);
  });

  it('sorts documents without a numeric or date field last by a value a page token can hold', () => {
    expect(build({ sort: [{ field: 'amount' }] }).sort[0]).toEqual({
      amount_minor: { order: 'asc', missing: Number.MAX_SAFE_INTEGER },
    });
    expect(build({ sort: [{ field: 'createdAt', order: 'desc' }] }).sort[0]).toEqual({
      created_at: { order: 'desc', missing: -Number.MAX_SAFE_INTEGER },
    });
  });

  it('caps the page size and defaults it', () => {
    expect(build({ pageSize: 5_000 }).size).toBe(200);
    expect(build({}).size).toBe(50);
  });

  it('refuses a search_after that does not fit the sort', () => {
    expect(() => build({ searchAfter: ['x'], sort: [{ field: 'status' }] })).toThrow(
      /^pageToken: /,
    );
  });
});

describe('a search outside the whitelist', () => {
  it.each(['payer_secret', '*', '_id', '__proto__', 'constructor', 'status.keyword', ''])(
    'refuses the field %j, naming it',
    (field) => {
      expect(() => filter({ field, op: 'eq', value: 'x' })).toThrow(
        `filters[0].field: "${field}" is not searchable; use one of status, amount, createdAt, description`,
      );
    },
  );

  it('refuses an operator the field does not allow', () => {
    expect(() => filter({ field: 'status', op: 'match', value: 'x' })).toThrow(
      'filters[0].op: "match" is not allowed on status; use eq, in',
    );
  });

  it('refuses an unknown operator', () => {
    expect(() => filter({ field: 'status', op: 'query_string', value: 'x' })).toThrow(
      /^filters\[0\]\.op: "query_string" is not allowed/,
    );
  });

  it('refuses sorting by a field that is not sortable', () => {
    expect(() => build({ sort: [{ field: 'description' }] })).toThrow(/^sort\[0\]\.field: /);
  });
});

describe('values that look like query syntax', () => {
  it('stay literals of a term query', () => {
    const body = filter({ field: 'status', op: 'eq', value: 'captured OR status:*' });
    expect(body.query.bool.filter).toEqual([{ term: { status: 'captured OR status:*' } }]);
  });

  it('stay the text of a match query, never a query_string', () => {
    const body = filter({ field: 'description', op: 'match', value: '*:* OR _exists_:secret' });
    expect(JSON.stringify(body)).not.toContain('query_string');
    expect(body.query.bool.must).toEqual([
      { match: { description: { query: '*:* OR _exists_:secret', operator: 'and' } } },
    ]);
  });

  it('cannot smuggle a query object in place of a value', () => {
    expect(() =>
      filter({ field: 'status', op: 'eq', value: { query_string: { query: '*' } } }),
    ).toThrow(/^filters\[0\]\.value: must be a string/);
  });

  it('cannot add clauses to a range', () => {
    expect(() =>
      filter({ field: 'amount', op: 'range', value: { gte: 1, boost: 1_000, format: 'x' } }),
    ).toThrow(/^filters\[0\]\.value: must have some of gt, gte, lt, lte and nothing else/);
  });

  it('are checked against the field type, naming the offending value', () => {
    expect(() => filter({ field: 'amount', op: 'eq', value: '12abc' })).toThrow(
      /^filters\[0\]\.value: must be an integer/,
    );
    expect(() => filter({ field: 'createdAt', op: 'range', value: { gte: 'yesterday' } })).toThrow(
      /^filters\[0\]\.value\.gte: must be an ISO 8601 date/,
    );
    expect(() => filter({ field: 'status', op: 'in', value: ['a', 7] })).toThrow(
      /^filters\[0\]\.value\[1\]: /,
    );
  });

  it('are refused before Elasticsearch when the index could not parse them', () => {
    expect(() => filter({ field: 'amount', op: 'eq', value: '9999999999999999999' })).toThrow(
      /^filters\[0\]\.value: must be an integer from -9223372036854775808 to 9223372036854775807/,
    );
    expect(() =>
      filter({ field: 'createdAt', op: 'range', value: { gte: '2024-01-01', lt: '2024/02/01' } }),
    ).toThrow(/^filters\[0\]\.value\.lt: must be an ISO 8601 date \(YYYY-MM-DD or /);
    expect(() => filter({ field: 'status', op: 'in', value: ['ok', 'bad\u0000'] })).toThrow(
      /^filters\[0\]\.value\[1\]: must not contain control characters \(U\+0000 at index 3\)/,
    );
    expect(() => filter({ field: 'description', op: 'match', value: 'x\uD800' })).toThrow(
      /^filters\[0\]\.value: must be well-formed Unicode/,
    );
  });

  it('are bounded in number', () => {
    expect(() => filter({ field: 'status', op: 'in', value: [] })).toThrow(/1 to 100 values/);
    expect(() =>
      filter({ field: 'status', op: 'in', value: Array.from({ length: 101 }, String) }),
    ).toThrow(/1 to 100 values/);
  });
});
