import { SagaStateCache } from './state-cache';

const entry = (version: number) => ({ state: {}, status: 'running' as const, version });

describe('the saga state cache', () => {
  it('forgets the least recently used saga beyond its capacity', () => {
    const cache = new SagaStateCache(2);
    cache.set('a', entry(1));
    cache.set('b', entry(1));
    cache.get('a');
    cache.set('c', entry(1));
    expect([cache.get('a')?.version, cache.get('b'), cache.get('c')?.version]).toEqual([
      1,
      undefined,
      1,
    ]);
  });
});
