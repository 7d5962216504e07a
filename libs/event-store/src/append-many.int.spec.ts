import {
  hashStreamAppends,
  IdempotencyKeyConflict,
  WrongExpectedVersion,
  type NewEvent,
  type StreamAppend,
} from './index';
import { migratedStore, streamOf, type StoreFixture } from './store.fixture';

const moved = (type: string, amount: number): NewEvent => ({ type, data: { amount } });

/** A transfer of `amount` from one stream to another, each at the version given. */
const transfer = (
  from: string,
  to: string,
  amount: number,
  versions: [StreamAppend['expectedVersion'], StreamAppend['expectedVersion']],
): StreamAppend[] => [
  { streamId: from, events: [moved('Out', amount)], expectedVersion: versions[0] },
  { streamId: to, events: [moved('In', amount)], expectedVersion: versions[1] },
];

describe('PostgresEventStore appendMany', () => {
  let fx: StoreFixture;
  beforeAll(async () => {
    fx = await migratedStore();
  });
  afterAll(() => fx.drop());

  const seeded = async (): Promise<[string, string]> => {
    const a = streamOf('account');
    const b = streamOf('account');
    await fx.store.append(a, [moved('Opened', 0)], { expectedVersion: 'no_stream' });
    await fx.store.append(b, [moved('Opened', 0)], { expectedVersion: 'no_stream' });
    return [a, b];
  };

  it('writes every stream in one transaction, each at its own next version', async () => {
    const [a, b] = await seeded();
    const result = await fx.store.appendMany(transfer(a, b, 5, [1, 1]), {
      metadata: { correlationId: 'c-1' },
    });
    expect(result.replayed).toBe(false);
    expect(result.streams.map((r) => [r.streamId, r.firstVersion, r.nextVersion])).toEqual([
      [a, 2, 2],
      [b, 2, 2],
    ]);
    const [outOf, into] = [await fx.store.readStream(a), await fx.store.readStream(b)];
    expect(outOf[1]).toMatchObject({ type: 'Out', transactionId: result.transactionId });
    expect(into[1]).toMatchObject({ type: 'In', transactionId: result.transactionId });
    expect(into[1]!.metadata.correlationId).toBe('c-1');
    expect(outOf[1]!.globalPosition).toBeLessThan(into[1]!.globalPosition);
    // Readers of the global log see both or neither, in the order given.
    const { events } = await fx.store.readAll({ categories: ['account'] });
    const ours = events.filter((e) => e.transactionId === result.transactionId);
    expect(ours.map((e) => e.type)).toEqual(['Out', 'In']);
  });

  it.each([
    ['the first', [0, 1]],
    ['the second', [1, 7]],
  ] as const)(
    'writes nothing on any stream when %s stream is not at its expected version',
    async (_which, versions) => {
      const [a, b] = await seeded();
      const attempt = fx.store.appendMany(transfer(a, b, 5, [...versions]));
      await expect(attempt).rejects.toThrow(WrongExpectedVersion);
      await expect(attempt).rejects.toMatchObject({
        streamId: versions[0] === 1 ? b : a,
        actual: 1,
      });
      expect(await fx.store.streamVersion(a)).toBe(1);
      expect(await fx.store.streamVersion(b)).toBe(1);
      expect((await fx.store.readStream(a)).length + (await fx.store.readStream(b)).length).toBe(2);
    },
  );

  it('returns the first result to a retry with the same key, and conflicts on another request', async () => {
    const [a, b] = await seeded();
    const idempotency = { key: `k-${a}` };
    const first = await fx.store.appendMany(transfer(a, b, 5, [1, 1]), { idempotency });
    // The retry decided on the new versions: the key, not the versions, makes it a retry.
    const retry = await fx.store.appendMany(transfer(a, b, 5, [2, 2]), { idempotency });
    expect(retry.replayed).toBe(true);
    expect(retry.transactionId).toBe(first.transactionId);
    expect(retry.streams.map((r) => r.events.map((e) => e.eventId))).toEqual(
      first.streams.map((r) => r.events.map((e) => e.eventId)),
    );
    expect(await fx.store.streamVersion(a)).toBe(2);
    expect(await fx.store.streamVersion(b)).toBe(2);
    await expect(fx.store.appendMany(transfer(a, b, 6, [2, 2]), { idempotency })).rejects.toThrow(
      IdempotencyKeyConflict,
    );
    // A one-stream append under the same key is another request too.
    await expect(
      fx.store.append(a, [moved('Out', 5)], { expectedVersion: 2, idempotency }),
    ).rejects.toThrow(IdempotencyKeyConflict);
    const found = await fx.store.findAppendManyResult('account', {
      key: idempotency.key,
      requestHash: hashStreamAppends(transfer(a, b, 5, [1, 1])),
    });
    expect(found?.transactionId).toBe(first.transactionId);
  });

  it('keeps money conserved when racing transfers in both directions meet', async () => {
    const [a, b] = await seeded();
    // Each writer reads both versions, appends, and on a wrong version reads again.
    const attempt = async (from: string, to: string): Promise<number> => {
      for (let tries = 1; ; tries++) {
        const versions: [number, number] = [
          await fx.store.streamVersion(from),
          await fx.store.streamVersion(to),
        ];
        try {
          await fx.store.appendMany(transfer(from, to, 1, versions));
          return tries;
        } catch (error) {
          if (!(error instanceof WrongExpectedVersion)) throw error;
        }
      }
    };
    const writers = Array.from({ length: 20 }, (_, i) => (i % 2 ? attempt(a, b) : attempt(b, a)));
    const tries = await Promise.all(writers);
    expect(tries.some((t) => t > 1)).toBe(true); // they did race
    const [outOf, into] = [await fx.store.readStream(a), await fx.store.readStream(b)];
    expect(outOf).toHaveLength(21);
    expect(into).toHaveLength(21);
    // Every transaction wrote exactly one Out and one In, on different streams.
    const byTransaction = new Map<string, string[]>();
    for (const e of [...outOf, ...into].filter((e) => e.type !== 'Opened'))
      byTransaction.set(e.transactionId, [...(byTransaction.get(e.transactionId) ?? []), e.type]);
    expect(byTransaction.size).toBe(20);
    for (const types of byTransaction.values()) expect(types.sort()).toEqual(['In', 'Out']);
    // Versions are dense: nothing half-written left a hole.
    expect(outOf.map((e) => e.streamVersion)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
  });

  it('refuses a stream named twice and a stream without events', async () => {
    const a = streamOf('account');
    await expect(fx.store.appendMany(transfer(a, a, 1, ['any', 'any']))).rejects.toThrow(
      RangeError,
    );
    await expect(
      fx.store.appendMany([{ streamId: a, events: [], expectedVersion: 'any' }]),
    ).rejects.toThrow(RangeError);
  });
});
