import { CacheUsageError } from './errors';
import { cacheKeys } from './keys';

describe('cacheKeys', () => {
  const keys = cacheKeys('account-balances-v1');

  it('namespaces entries as ledgerline:<view>:<id>', () => {
    expect(keys.entry('acc-1')).toBe('ledgerline:account-balances-v1:acc-1');
    expect(keys.floor('acc-1')).toBe('ledgerline:account-balances-v1:v:acc-1');
    expect(keys.generation).toBe('ledgerline:account-balances-v1:meta:generation');
  });

  it('encodes ids so no id collides with another id, a floor or the generation', () => {
    const ids = ['v', 'v:x', 'x', 'meta:generation', 'a%3Ab', 'a:b', 'ünï cödé'];
    const all = [...ids.map(keys.entry), ...ids.map(keys.floor), keys.generation];
    expect(new Set(all).size).toBe(all.length);
    expect(keys.entry('a:b')).toBe('ledgerline:account-balances-v1:a%3Ab');
  });

  it('keeps views apart', () => {
    expect(cacheKeys('payments-v1').entry('x')).not.toBe(keys.entry('x'));
  });

  it.each(['', 'Upper', 'with:colon', 'with space', '-leading'])('rejects the view %p', (view) => {
    expect(() => cacheKeys(view)).toThrow(CacheUsageError);
  });

  it('rejects an empty id', () => {
    expect(() => keys.entry('')).toThrow('cache: key must not be empty');
  });
});
