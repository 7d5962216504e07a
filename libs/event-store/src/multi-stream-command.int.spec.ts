import { RuleViolation } from '@ledgerline/domain';

import {
  handleMultiStreamCommand,
  LruStateCache,
  WrongExpectedVersion,
  type MultiStreamDecider,
} from './index';
import { migratedStore, streamOf, type StoreFixture } from './store.fixture';

type Moved = { type: 'Moved'; data: { by: number } };
type Move = { amount: number };

/** A pot of units per stream; moving takes from the first and gives to the second. */
const pots: MultiStreamDecider<Move, number, Moved> = {
  initialState: 0,
  evolve: (state, event) => state + event.data.by,
  decide: ({ amount }, [from = 0]) => {
    if (from < amount) throw new RuleViolation('insufficient-funds', `${from} < ${amount}`);
    return [[{ type: 'Moved', data: { by: -amount } }], [{ type: 'Moved', data: { by: amount } }]];
  },
};

describe('handleMultiStreamCommand', () => {
  let fx: StoreFixture;
  beforeAll(async () => {
    fx = await migratedStore();
  });
  afterAll(() => fx.drop());

  const filled = async (units: number): Promise<string> => {
    const streamId = streamOf('pot');
    await fx.store.append(streamId, [{ type: 'Moved', data: { by: units } }], {
      expectedVersion: 'no_stream',
    });
    return streamId;
  };
  const total = async (streamId: string): Promise<number> =>
    (await fx.store.readStream(streamId)).reduce(
      (sum, e) => sum + (e.data as { by: number }).by,
      0,
    );

  it('decides on both states, appends both, and keeps the cache current', async () => {
    const [a, b] = [await filled(10), await filled(0)];
    const cache = new LruStateCache<number>();
    const result = await handleMultiStreamCommand({
      store: fx.store,
      decider: pots,
      streamIds: [a, b],
      command: { amount: 4 },
      cache,
    });
    expect(result.streams.map((s) => [s.state, s.version])).toEqual([
      [6, 2],
      [4, 2],
    ]);
    expect(result.streams[0]!.events[0]!.transactionId).toBe(result.transactionId);
    expect(cache.get(a)).toMatchObject({ state: 6, version: 2 });
  });

  it('decides again on the stored streams when a cached state was stale', async () => {
    const [a, b] = [await filled(10), await filled(0)];
    const cache = new LruStateCache<number>();
    cache.set(a, { state: 10, version: 1, position: 0 });
    // Someone else moved 8 units out of `a` meanwhile: the cached 10 is stale.
    await fx.store.append(a, [{ type: 'Moved', data: { by: -8 } }], { expectedVersion: 1 });
    const moving = handleMultiStreamCommand({
      store: fx.store,
      decider: pots,
      streamIds: [a, b],
      command: { amount: 5 },
      cache,
    });
    await expect(moving).rejects.toMatchObject({ rule: 'insufficient-funds' });
    expect(await total(a)).toBe(2);
    expect(await total(b)).toBe(0);
  });

  it('answers a retry with the first result, even once the rule would now refuse it', async () => {
    const [a, b] = [await filled(5), await filled(0)];
    const run = () =>
      handleMultiStreamCommand({
        store: fx.store,
        decider: pots,
        streamIds: [a, b],
        command: { amount: 5 },
        idempotency: { key: `move-${a}` },
      });
    const first = await run();
    const retry = await run();
    expect(retry.replayed).toBe(true);
    expect(retry.transactionId).toBe(first.transactionId);
    expect(retry.streams.map((s) => s.state)).toEqual([0, 5]);
    expect(await total(a)).toBe(0);
  });

  it('retries racing moves on wrong expected versions and conserves every unit', async () => {
    const ring = await Promise.all([30, 30, 30].map(filled));
    const moves = Array.from({ length: 24 }, (_, i) =>
      handleMultiStreamCommand({
        store: fx.store,
        decider: pots,
        streamIds: [ring[i % 3]!, ring[(i + 1) % 3]!],
        command: { amount: 1 },
        maxRetries: 50,
        retryDelayMs: () => Math.random() * 5,
      }),
    );
    const outcomes = await Promise.allSettled(moves);
    const failed = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
    expect(failed).toEqual([]);
    const totals = await Promise.all(ring.map(total));
    expect(totals.reduce((sum, t) => sum + t, 0)).toBe(90);
    expect(totals).toEqual([30, 30, 30]); // each pot gave 8 and received 8
  });

  it('gives up with WrongExpectedVersion after maxRetries', async () => {
    const [a, b] = [await filled(10), await filled(0)];
    const racing = {
      ...fx.store,
      readStream: fx.store.readStream.bind(fx.store),
      findAppendManyResult: fx.store.findAppendManyResult.bind(fx.store),
      // Another writer always slips in between the load and the append.
      appendMany: async (...args: Parameters<typeof fx.store.appendMany>) => {
        await fx.store.append(b, [{ type: 'Moved', data: { by: 0 } }], { expectedVersion: 'any' });
        return fx.store.appendMany(...args);
      },
    };
    const moving = handleMultiStreamCommand({
      store: racing,
      decider: pots,
      streamIds: [a, b],
      command: { amount: 1 },
      maxRetries: 2,
      retryDelayMs: () => 1,
    });
    await expect(moving).rejects.toThrow(WrongExpectedVersion);
    expect(await total(a)).toBe(10);
  });
});
