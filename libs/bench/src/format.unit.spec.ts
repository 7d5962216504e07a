import { formatChange, formatNumber, formatSeconds, formatValue } from './format';

describe('formatting figures', () => {
  it('keeps about three significant figures and thousands separators', () => {
    expect([12_345.6, 123.4, 12.34, 1.234, 0.01234].map(formatNumber)).toEqual([
      '12,346',
      '123',
      '12.3',
      '1.23',
      '0.012',
    ]);
    expect(formatNumber(null)).toBe('n/a');
  });

  it('writes percentages without a space and other units with one', () => {
    expect(formatValue(72.44, '%')).toBe('72.4%');
    expect(formatValue(3.5, 'ms')).toBe('3.5 ms');
    expect(formatValue(1, '')).toBe('1');
    expect(formatValue(null, 'ms')).toBe('n/a');
  });

  it('writes a change as a signed whole percentage', () => {
    expect(formatChange(0.756)).toBe(' (+76%)');
    expect(formatChange(-0.5)).toBe(' (−50%)');
    expect(formatChange(0.001)).toBe(' (±0%)');
    expect(formatChange(null)).toBe('');
  });

  it('writes durations in seconds, minutes past a minute', () => {
    expect(formatSeconds(61_400)).toBe('1 min 1 s');
    expect(formatSeconds(9_600)).toBe('10 s');
  });
});
