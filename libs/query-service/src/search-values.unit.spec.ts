import { isInt64, isIsoDate } from './search-values';

describe('a long filter value', () => {
  it.each(['0', '-1', '9223372036854775807', '-9223372036854775808', 42, -42])(
    'accepts %j',
    (value) => expect(isInt64(value)).toBe(true),
  );

  it.each([
    ['one past the int64 maximum', '9223372036854775808'],
    ['one past the int64 minimum', '-9223372036854775809'],
    ['nineteen nines', '9999999999999999999'],
    ['twenty digits', '10000000000000000000'],
    ['a fraction', '1.5'],
    ['an unsafe JS number', 2 ** 60],
    ['a sign alone', '-'],
    ['spaces', ' 1'],
  ])('refuses %s', (_, value) => expect(isInt64(value)).toBe(false));
});

describe('a date filter value', () => {
  it.each([
    '2024-05-01',
    '2024-02-29',
    '2024-05-01T12:30:00Z',
    '2024-05-01T12:30:00.123456789Z',
    '2024-05-01T23:59:59+02:00',
    '2024-05-01T00:00:00-18:00',
  ])('accepts %j', (value) => expect(isIsoDate(value)).toBe(true));

  it.each([
    ['a slash-separated date', '2024/05/01'],
    ['a written-out date', 'May 1, 2024'],
    ['a bare number', '1'],
    ['a day that does not exist', '2024-02-30'],
    ['February 29 outside a leap year', '2023-02-29'],
    ['month 13', '2024-13-01'],
    ['hour 24', '2024-05-01T24:00:00Z'],
    ['a time without an offset', '2024-05-01T12:30:00'],
    ['a time without seconds', '2024-05-01T12:30Z'],
    ['an offset beyond 18 hours', '2024-05-01T12:30:00+19:00'],
    ['a lower-case separator', '2024-05-01t12:30:00z'],
    ['date math', 'now-1d'],
    ['an extended year', '+275760-09-13T00:00:00Z'],
    ['a number, not a string', 1_714_521_600_000],
  ])('refuses %s', (_, value) => expect(isIsoDate(value)).toBe(false));
});
