import { RuleViolation, type Decider } from '@ledgerline/domain';

import {
  DeadlineExceeded,
  IdempotencyKeyConflict,
  WrongExpectedVersion,
  handleCommand,
  snapshotDue,
  type AppendOptions,
  type AppendResult,
  type EventStorePort,
  type NewEvent,
  type RecordedEvent,
  type Snapshot,
  LruStateCache,
} from './index';

type CounterEvent = { type: 'Incremented'; data: { by: number } };
type CounterCommand = { type: 'Increment'; by: number } | { type: 'Noop' };
const counter: Decider<CounterCommand, number, CounterEvent> = {
  initialState: 0,
  decide: (command, state) => {
    if (command.type === 'Noop') return [];
    if (state + command.by > 100) throw new RuleViolation('max', 'counter would exceed 100');
    return [{ type: 'Incremented', data: { by: command.by } }];
  },
  evolve: (state, event) => state + event.data.by,
};

/**
 * A test double of the store port: an in-memory stream that can be told to lose the next
 * `conflicts` races (another writer slips in an event just before each append).
 */
class InMemoryStore implements EventStorePort {
  events: RecordedEvent[] = [];
  appendCalls: AppendOptions[] = [];
  conflicts = 0;
  snapshots = new Map<string, { stateVersion: number; snapshot: Snapshot<unknown> }>();
  private keys = new Map<string, { requestHash: string; result: AppendResult }>();

  /** Runs (once) at the start of the next read, e.g. to let a concurrent writer slip in. */
  beforeNextRead: (() => Promise<void>) | undefined;

  async readStream(_streamId: string, { from = 1, limit }: { from?: number; limit?: number } = {}) {
    const before = this.beforeNextRead;
    this.beforeNextRead = undefined;
    await before?.();
    const tail = this.events.filter((e) => e.streamVersion >= from);
    return limit === undefined ? tail : tail.slice(0, limit);
  }

  append(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    this.appendCalls.push(options);
    if (this.conflicts > 0) {
      this.conflicts--;
      this.record(streamId, [{ type: 'Incremented', data: { by: 1 } }]);
    }
    const actual = this.events.length;
    const expected = options.expectedVersion;
    if (
      expected === 'no_stream' ? actual !== 0 : typeof expected === 'number' && expected !== actual
    ) {
      return Promise.reject(new WrongExpectedVersion(streamId, expected, actual));
    }
    const recorded = this.record(streamId, events);
    const result: AppendResult = {
      streamId,
      firstVersion: recorded[0]!.streamVersion,
      nextVersion: recorded[recorded.length - 1]!.streamVersion,
      position: recorded[recorded.length - 1]!.globalPosition,
      transactionId: '1',
      events: recorded,
      replayed: false,
    };
    if (options.idempotency) {
      this.keys.set(options.idempotency.key, {
        requestHash: options.idempotency.requestHash ?? '',
        result,
      });
    }
    return Promise.resolve(result);
  }

  findIdempotentResult(
    _streamId: string,
    { key, requestHash }: { key: string; requestHash: string },
  ) {
    const found = this.keys.get(key);
    if (found && found.requestHash !== requestHash) {
      return Promise.reject(new IdempotencyKeyConflict('counter', key));
    }
    return Promise.resolve(found && { ...found.result, replayed: true });
  }

  loadSnapshot<State>(streamId: string, stateVersion: number) {
    const found = this.snapshots.get(streamId);
    return Promise.resolve(
      found?.stateVersion === stateVersion ? (found.snapshot as Snapshot<State>) : undefined,
    );
  }

  saveSnapshot<State>(streamId: string, stateVersion: number, snapshot: Snapshot<State>) {
    this.snapshots.set(streamId, { stateVersion, snapshot });
    return Promise.resolve();
  }

  private record(streamId: string, events: readonly NewEvent[]): RecordedEvent[] {
    const recorded = events.map((event) => {
      const version = this.events.length + 1;
      const e: RecordedEvent = {
        type: event.type,
        data: event.data,
        eventId: `id-${version}`,
        streamId,
        streamVersion: version,
        globalPosition: version * 10,
        transactionId: '1',
        schemaVersion: 1,
        metadata: {},
        recordedAt: new Date(0),
      };
      this.events.push(e);
      return e;
    });
    return recorded;
  }
}

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
