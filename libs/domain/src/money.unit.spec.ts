import {
  InvalidInput,
  MAX_AMOUNT_MINOR,
  parseCurrency,
  parseId,
  parsePositiveAmount,
} from './index';

describe('money and ids', () => {
  it.each([0, -5, 1.5, MAX_AMOUNT_MINOR + 1, Number.NaN])(
    'rejects amount %p naming the field',
    (amount) => {
      expect(() => parsePositiveAmount('amount', amount)).toThrow(InvalidInput);
      expect(() => parsePositiveAmount('amount', amount)).toThrow(/^amount: /);
    },
  );

  it('accepts an integer amount of minor units', () => {
    expect(parsePositiveAmount('amount', 1999)).toBe(1999);
  });

  it.each(['usd', 'US', 'XXX', ''])('rejects currency %p', (code) => {
    expect(() => parseCurrency('currency', code)).toThrow(InvalidInput);
  });

  it('normalises UUIDs to lower case and ULIDs to upper case', () => {
    expect(parseId('id', 'A3BB189E-8BF9-3888-9912-ACE4E6543002')).toBe(
      'a3bb189e-8bf9-3888-9912-ace4e6543002',
    );
    expect(parseId('id', '01arz3ndektsv4rrffq69g5fav')).toBe('01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(() => parseId('id', 'not-an-id')).toThrow('id: must be a UUID or a ULID');
  });
});
