import { RuleViolation } from '@ledgerline/domain';

import { type CounterCommand, counter, InMemoryStore } from './command-loop.fixture';
import {
  DeadlineExceeded,
  IdempotencyKeyConflict,
  WrongExpectedVersion,
  handleCommand,
  snapshotDue,
  LruStateCache,
} from './index';

const run = (
  store: InMemoryStore,
  command: CounterCommand,
  extra: { maxRetries?: number; deadline?: Date } = {},
) =>
  handleCommand({
    store,
    decider: counter,
    streamId: 'counter-1',
    command,
    retryDelayMs: () => 0,
    ...extra,
  });

describe('handleCommand', () => {
  describe('on a new stream', () => {
    it('appends the decided events expecting no stream and returns the new state', async () => {
      const store = new InMemoryStore();
      const result = await run(store, { type: 'Increment', by: 5 });
      expect(store.appendCalls.map((c) => c.expectedVersion)).toEqual(['no_stream']);
      expect(result).toMatchObject({ version: 1, position: 10, state: 5, replayed: false });
    });
  });

  describe('on a stream with history', () => {
    it('expects the loaded version', async () => {
      const store = new InMemoryStore();
      await run(store, { type: 'Increment', by: 1 });
      await run(store, { type: 'Increment', by: 2 });
      expect(store.appendCalls.map((c) => c.expectedVersion)).toEqual(['no_stream', 1]);
    });

    it('retries after losing a race, deciding again on the fresh state', async () => {
      const store = new InMemoryStore();
      await run(store, { type: 'Increment', by: 1 });
      store.conflicts = 2;
      const result = await run(store, { type: 'Increment', by: 10 });
      expect(store.appendCalls.map((c) => c.expectedVersion)).toEqual(['no_stream', 1, 2, 3]);
      expect(result).toMatchObject({ version: 4, state: 13 });
    });

    it('gives up after maxRetries and rethrows WrongExpectedVersion', async () => {
      const store = new InMemoryStore();
      store.conflicts = 10;
      await expect(run(store, { type: 'Increment', by: 1 }, { maxRetries: 3 })).rejects.toThrow(
        WrongExpectedVersion,
      );
      expect(store.appendCalls).toHaveLength(4);
    });

    it('lets a domain error through untouched, without appending or retrying', async () => {
      const store = new InMemoryStore();
      await run(store, { type: 'Increment', by: 100 });
      const error = await run(store, { type: 'Increment', by: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RuleViolation);
      expect(store.appendCalls).toHaveLength(1);
    });

    it('writes nothing when the decision is empty and reports the current version', async () => {
      const store = new InMemoryStore();
      await run(store, { type: 'Increment', by: 3 });
      const result = await run(store, { type: 'Noop' });
      expect(store.appendCalls).toHaveLength(1);
      expect(result).toMatchObject({ version: 1, position: 10, events: [], state: 3 });
    });
  });

  describe('with an idempotency key', () => {
    it('returns the original result for the same command without deciding again', async () => {
      const store = new InMemoryStore();
      const idempotency = { key: 'k1' };
      const first = await handleCommand({
        store,
        decider: counter,
        streamId: 'counter-1',
        command: { type: 'Increment', by: 4 },
        idempotency,
      });
      const again = await handleCommand({
        store,
        decider: counter,
        streamId: 'counter-1',
        command: { type: 'Increment', by: 4 },
        idempotency,
      });
      expect(store.appendCalls).toHaveLength(1);
      expect(again).toEqual({ ...first, replayed: true });
    });

    it('returns the original result when the same request commits between key check and load', async () => {
      const store = new InMemoryStore();
      const request = {
        store,
        decider: counter,
        streamId: 'counter-1',
        command: { type: 'Increment', by: 60 } as const,
        idempotency: { key: 'k3' },
      };
      let first: unknown;
      store.beforeNextRead = async () => {
        first = await handleCommand(request);
      };
      // Deciding again on the state after the first would exceed 100: a RuleViolation.
      const second = await handleCommand(request);
      expect(store.appendCalls).toHaveLength(1);
      expect(second).toEqual({ ...(first as object), replayed: true });
    });

    it('lets a domain error through when no request under the key committed', async () => {
      const store = new InMemoryStore();
      await run(store, { type: 'Increment', by: 100 });
      await expect(
        handleCommand({
          store,
          decider: counter,
          streamId: 'counter-1',
          command: { type: 'Increment', by: 1 },
          idempotency: { key: 'k4' },
        }),
      ).rejects.toThrow(RuleViolation);
    });

    it('rejects a different command under the same key', async () => {
      const store = new InMemoryStore();
      const base = { store, decider: counter, streamId: 'counter-1', idempotency: { key: 'k2' } };
      await handleCommand({ ...base, command: { type: 'Increment', by: 4 } });
      await expect(
        handleCommand({ ...base, command: { type: 'Increment', by: 5 } }),
      ).rejects.toThrow(IdempotencyKeyConflict);
    });
  });

  describe('with snapshots every 3 events', () => {
    it('snapshots when a multiple of 3 is crossed and loads from it', async () => {
      const store = new InMemoryStore();
      const go = () =>
        handleCommand({
          store,
          decider: counter,
          streamId: 'counter-1',
          command: { type: 'Increment', by: 1 },
          snapshotEvery: 3,
        });
      for (let i = 0; i < 4; i++) await go();
      expect(store.snapshots.get('counter-1')?.snapshot).toEqual({
        version: 3,
        position: 30,
        state: 3,
      });
      // Tamper with the snapshot: the next load must start from it, not from the events.
      store.snapshots.set('counter-1', {
        stateVersion: 1,
        snapshot: { version: 3, position: 30, state: 50 },
      });
      expect((await go()).state).toBe(52);
    });
  });
});

describe('handleCommand with a deadline', () => {
  it('given a deadline that has passed, then nothing is appended', async () => {
    const store = new InMemoryStore();

    await expect(
      run(store, { type: 'Increment', by: 1 }, { deadline: new Date(Date.now() - 1) }),
    ).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(store.appendCalls).toEqual([]);
  });

  it('given a deadline ahead, then the append carries it to the store', async () => {
    const store = new InMemoryStore();
    const deadline = new Date(Date.now() + 60_000);

    await run(store, { type: 'Increment', by: 1 }, { deadline });

    expect(store.appendCalls.map((options) => options.deadline)).toEqual([deadline]);
  });
});

describe('handleCommand with a state cache', () => {
  const run = (store: InMemoryStore, cache: LruStateCache<number>, by: number) =>
    handleCommand({
      store,
      decider: counter,
      streamId: 'counter-1',
      command: { type: 'Increment', by },
      cache,
    });

  it('given a cached stream, when a command arrives, then it appends without reading the stream', async () => {
    const store = new InMemoryStore();
    const reads = jest.spyOn(store, 'readStream');
    const cache = new LruStateCache<number>();
    await run(store, cache, 1);
    await run(store, cache, 2);
    const third = await run(store, cache, 3);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(third).toMatchObject({ version: 3, state: 6 });
    expect(store.appendCalls.map((c) => c.expectedVersion)).toEqual(['no_stream', 1, 2]);
  });

  it('given another writer moved the stream, when the cached version is stale, then it reloads and retries', async () => {
    const store = new InMemoryStore();
    const cache = new LruStateCache<number>();
    await run(store, cache, 1);
    store.conflicts = 1; // another replica appends just before ours
    const result = await run(store, cache, 5);
    expect(result).toMatchObject({ version: 3, state: 7 });
    expect(store.appendCalls.map((c) => c.expectedVersion)).toEqual(['no_stream', 1, 2]);
  });

  it('given another replica appended behind the cache, when the append meets the newer version, then it reads only the events after the cached one and retries at once', async () => {
    const store = new InMemoryStore();
    const cache = new LruStateCache<number>();
    await run(store, cache, 1);
    store.conflicts = 1; // another replica appends just before ours
    const reads = jest.spyOn(store, 'readStream');
    const backoff = jest.fn(() => 1_000);
    const result = await handleCommand({
      store,
      decider: counter,
      streamId: 'counter-1',
      command: { type: 'Increment', by: 5 },
      cache,
      retryDelayMs: backoff,
      maxRetries: 0,
    });
    expect(result).toMatchObject({ version: 3, state: 7 });
    expect(reads.mock.calls.map(([, options]) => options?.from)).toEqual([2]);
    expect(backoff).not.toHaveBeenCalled();
  });

  it('given a stale cached state that would refuse the command, then it decides again on the stored stream', async () => {
    const store = new InMemoryStore();
    const cache = new LruStateCache<number>();
    await run(store, cache, 90);
    cache.set('counter-1', { state: 95, version: 1, position: 10 }); // a stale guess that refuses +10
    const result = await run(store, cache, 10);
    expect(result).toMatchObject({ version: 2, state: 100 });
  });

  it('evicts the least recently used stream beyond its capacity', () => {
    const cache = new LruStateCache<number>(2);
    cache.set('a', { state: 1, version: 1, position: 1 });
    cache.set('b', { state: 2, version: 1, position: 2 });
    cache.get('a');
    cache.set('c', { state: 3, version: 1, position: 3 });
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map((e) => e?.state)).toEqual([
      1,
      undefined,
      3,
    ]);
  });
});

describe('snapshotDue', () => {
  it.each([
    [0, 2, 3, false],
    [2, 3, 3, true],
    [2, 7, 3, true],
    [3, 5, 3, false],
    [5, 6, undefined, false],
  ] as const)('from %p to %p every %p → %p', (before, after, every, due) => {
    expect(snapshotDue(before, after, every)).toBe(due);
  });
});
