import { checkLimit, indexName, setClause, tableName } from './tables';

describe('view table helpers', () => {
  it('splits schema.table and names indices after the table', () => {
    expect(tableName('views.order_summaries')).toEqual({
      schema: 'views',
      table: 'order_summaries',
    });
    expect(indexName('views.order_summaries_shadow', 'by_customer')).toBe(
      'order_summaries_shadow_by_customer',
    );
  });

  it.each(['order_summaries', 'Views.orders', 'views.orders; drop table x', 'a.b.c'])(
    'refuses the table name %p',
    (name) => {
      expect(() => tableName(name)).toThrow('must be schema.table in lower case');
    },
  );

  it('accepts page limits from 1 to 500 only', () => {
    expect(checkLimit(500)).toBe(500);
    for (const limit of [0, 501, 1.5, Number.NaN])
      expect(() => checkLimit(limit)).toThrow(RangeError);
  });

  it('numbers SET columns from the given parameter', () => {
    expect(setClause(['status', 'updated_at'], 2)).toBe('status = $2, updated_at = $3');
  });
});
