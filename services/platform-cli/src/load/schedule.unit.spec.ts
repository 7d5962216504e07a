import { parseDuration, parseMix, parseRate } from './options';
import { callsDue, mixPicker, plannedCalls } from './schedule';

describe('open-loop schedule', () => {
  describe('given 20 calls per second for 2 s', () => {
    const planned = plannedCalls(20, 2_000);

    it('plans 40 calls', () => {
      expect(planned).toBe(40);
    });

    it('has the first call due at once and one more every 50 ms', () => {
      expect(callsDue(0, 20, planned)).toBe(1);
      expect(callsDue(49, 20, planned)).toBe(1);
      expect(callsDue(50, 20, planned)).toBe(2);
      expect(callsDue(1_000, 20, planned)).toBe(21);
    });

    it('keeps the schedule whatever the calls took: a late tick finds every missed call due', () => {
      // Nothing was started for 700 ms (a slow platform, a busy event loop): 15 are due now.
      expect(callsDue(700, 20, planned)).toBe(15);
    });

    it('never has more than the planned calls due', () => {
      expect(callsDue(60_000, 20, planned)).toBe(40);
    });
  });

  it('has nothing due before the start', () => {
    expect(callsDue(-1, 20, 40)).toBe(0);
  });

  it('spaces fractional rates: 0.5/s is one call every 2 s', () => {
    expect(plannedCalls(0.5, 10_000)).toBe(5);
    expect(callsDue(1_999, 0.5, 5)).toBe(1);
    expect(callsDue(2_000, 0.5, 5)).toBe(2);
  });
});

describe('mixPicker', () => {
  it('interleaves equal shares in turn', () => {
    const next = mixPicker(parseMix('checkout,deposit,query'));
    expect(Array.from({ length: 6 }, next)).toEqual([
      'checkout',
      'deposit',
      'query',
      'checkout',
      'deposit',
      'query',
    ]);
  });

  it('sends weighted shares exactly per round, spread out rather than in blocks', () => {
    const next = mixPicker(parseMix('checkout=1,query=3'));
    const first8 = Array.from({ length: 8 }, next);
    expect(first8.filter((op) => op === 'query')).toHaveLength(6);
    expect(first8.slice(0, 4).filter((op) => op === 'checkout')).toHaveLength(1);
  });
});

describe('parsing the options', () => {
  it('reads durations in ms, s, m and h', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1.5s')).toBe(1_500);
    expect(() => parseDuration('30')).toThrow(RangeError);
    expect(() => parseDuration('0s')).toThrow(RangeError);
  });

  it('reads a mix with optional weights, refusing unknown or repeated operations', () => {
    expect(parseMix('checkout=2, query')).toEqual([
      { operation: 'checkout', weight: 2 },
      { operation: 'query', weight: 1 },
    ]);
    expect(() => parseMix('checkout,refund')).toThrow(/unknown operation "refund"/);
    expect(() => parseMix('query,query')).toThrow(/twice/);
    expect(() => parseMix('query=0')).toThrow(/weight/);
    expect(() => parseMix('')).toThrow(/no operation/);
  });

  it('reads positive rates only', () => {
    expect(parseRate('2.5')).toBe(2.5);
    expect(() => parseRate('0')).toThrow(RangeError);
    expect(() => parseRate('fast')).toThrow(RangeError);
  });
});
