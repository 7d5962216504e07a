import { InvalidInput } from '@ledgerline/domain';
import { createCursorCodec } from './cursor';
import { planSearch, type SearchSpec } from './search-plan';

const spec: SearchSpec = {
  view: 'orders.search',
  fields: {
    orderId: { type: 'keyword', ops: ['eq', 'in'], sortable: true },
    placedBy: { type: 'keyword', ops: ['eq', 'in'], sortable: true },
  },
  tiebreaker: 'orderId',
  limits: { default: 2, max: 10 },
  ownerField: 'placedBy',
};
const cursors = createCursorCodec(['unit-secret']);
const request = (pageToken = '') => ({
  filters: [
    { field: 'placedBy', op: 'SEARCH_OPERATOR_IN', values: ['cust-a', 'cust-b'], range: null },
  ],
  sort: [],
  pageSize: 2,
  pageToken,
});
const hits = [{ sort: ['o-1'] }, { sort: ['o-2'] }, { sort: ['o-3'] }];

describe("an owner's search plan", () => {
  it('adds a term on the owner field to whatever the caller filtered on', () => {
    const plan = planSearch(cursors, spec, request(), 'cust-a');
    expect(plan.body.query.bool.filter).toEqual([
      { terms: { placedBy: ['cust-a', 'cust-b'] } },
      { term: { placedBy: 'cust-a' } },
    ]);
  });

  it('leaves an unrestricted search as it was', () => {
    const plan = planSearch(cursors, spec, request());
    expect(plan.body.query.bool.filter).toEqual([{ terms: { placedBy: ['cust-a', 'cust-b'] } }]);
  });

  it("issues page tokens only that owner's next page accepts", () => {
    const { nextPageToken } = planSearch(cursors, spec, request(), 'cust-a').page(hits);
    expect(nextPageToken).not.toBe('');
    expect(planSearch(cursors, spec, request(nextPageToken), 'cust-a').body.search_after).toEqual([
      'o-2',
    ]);
    expect(() => planSearch(cursors, spec, request(nextPageToken), 'cust-b')).toThrow(InvalidInput);
    expect(() => planSearch(cursors, spec, request(nextPageToken))).toThrow(InvalidInput);
  });

  it('cannot restrict a view that declares no owner field', () => {
    const { ownerField: _ownerField, ...unowned } = spec;
    expect(() => planSearch(cursors, unowned, request(), 'cust-a')).toThrow(/ownerField/);
  });
});
