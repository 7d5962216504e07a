import { counter, InMemoryStore } from './command-loop.fixture';
import { handleCommand, LruStateCache } from './index';

class NotYours extends Error {}

/** Only a counter below `limit` may be incremented by this caller (a stand-in for ownership). */
const below = (limit: number) => (state: number) => {
  if (state >= limit) throw new NotYours(`counter at ${state}`);
};

const increment = (
  store: InMemoryStore,
  by: number,
  extra: { authorize?: (state: number) => void; key?: string; cache?: LruStateCache<number> } = {},
) =>
  handleCommand({
    store,
    decider: counter,
    streamId: 'counter-1',
    command: { type: 'Increment', by },
    retryDelayMs: () => 0,
    ...(extra.authorize && { authorize: extra.authorize }),
    ...(extra.key !== undefined && { idempotency: { key: extra.key } }),
    ...(extra.cache && { cache: extra.cache }),
  });

describe('handleCommand with authorize', () => {
  it('given the caller may act on the state, when it commands, then the command is decided and appended', async () => {
    const store = new InMemoryStore();
    await increment(store, 3);
    const seen: number[] = [];
    const result = await increment(store, 2, { authorize: (state) => void seen.push(state) });
    expect(seen).toEqual([3]);
    expect(result).toMatchObject({ version: 2, state: 5 });
  });

  it('given the caller may not, then its refusal propagates and nothing is appended', async () => {
    const store = new InMemoryStore();
    await increment(store, 10);
    await expect(increment(store, 1, { authorize: below(5) })).rejects.toThrow(NotYours);
    expect(store.events).toHaveLength(1);
  });

  it('given an idempotency key another caller used, when a refused caller repeats it, then it gets the refusal, not the earlier receipt', async () => {
    const store = new InMemoryStore();
    await increment(store, 10, { key: 'k-1' });
    await expect(increment(store, 10, { key: 'k-1', authorize: below(5) })).rejects.toThrow(
      NotYours,
    );
  });

  it('given an allowed caller repeats its key, then the earlier result is replayed', async () => {
    const store = new InMemoryStore();
    const first = await increment(store, 1, { key: 'k-2', authorize: below(5) });
    const again = await increment(store, 1, { key: 'k-2', authorize: below(5) });
    expect(again).toEqual({ ...first, replayed: true });
    expect(store.events).toHaveLength(1);
  });

  it('given a stale cached state that would refuse, then it asks again on the stored stream', async () => {
    const store = new InMemoryStore();
    const cache = new LruStateCache<number>();
    await increment(store, 1, { cache });
    cache.set('counter-1', { state: 9, version: 1, position: 10 }); // a stale guess
    const result = await increment(store, 1, { cache, authorize: below(5) });
    expect(result).toMatchObject({ version: 2, state: 2 });
  });
});
