import { randomUUID } from 'node:crypto';

import { type NewEvent } from './index';
import { migratedStore, streamOf, type StoreFixture } from './store.fixture';

const deposited = (amount: number): NewEvent => ({ type: 'FundsDeposited', data: { amount } });
const DAY_MS = 24 * 3_600_000;

describe('pruning idempotency keys', () => {
  let fx: StoreFixture;
  beforeAll(async () => {
    fx = await migratedStore();
  });
  afterAll(() => fx.drop());

  /** Appends one event under `key` and backdates the key by `ageDays`. */
  const keyAged = async (key: string, ageDays: number, streamId = streamOf('account')) => {
    await fx.store.append(streamId, [deposited(1)], {
      expectedVersion: 'any',
      idempotency: { key },
    });
    await fx.pool.query(
      `UPDATE "${fx.schema}".idempotency_keys
          SET created_at = now() - make_interval(secs => $2::double precision * 86400)
        WHERE key = $1`,
      [key, ageDays],
    );
    return streamId;
  };
  const remaining = async (keys: readonly string[]) => {
    const { rows } = await fx.pool.query<{ key: string }>(
      `SELECT key FROM "${fx.schema}".idempotency_keys WHERE key = ANY ($1) ORDER BY key`,
      [keys],
    );
    return rows.map((row) => row.key);
  };

  it("removes clients' keys past the retention in batches and keeps younger ones", async () => {
    const old = Array.from({ length: 7 }, () => `client-${randomUUID()}`);
    const young = [`client-${randomUUID()}`, `client-${randomUUID()}`];
    for (const key of old) await keyAged(key, 8);
    await keyAged(young[0]!, 6);
    await keyAged(young[1]!, 0);

    const pruned = await fx.store.pruneIdempotencyKeys({ olderThanMs: 7 * DAY_MS, batchSize: 3 });

    expect(pruned.clientKeys).toBe(7);
    expect(await remaining([...old, ...young])).toEqual([...young].sort());
  });

  it('keeps saga keys until their own, longer retention', async () => {
    const sagaYoung = `saga:${randomUUID()}:credit-merchant`;
    const sagaOld = `saga:${randomUUID()}:credit-merchant`;
    const client = `client-${randomUUID()}`;
    await keyAged(sagaYoung, 8);
    await keyAged(sagaOld, 31);
    await keyAged(client, 8);

    const pruned = await fx.store.pruneIdempotencyKeys({
      olderThanMs: 7 * DAY_MS,
      sagaKeysOlderThanMs: 30 * DAY_MS,
    });

    expect(pruned).toEqual({ clientKeys: 1, sagaKeys: 1 });
    expect(await remaining([sagaYoung, sagaOld, client])).toEqual([sagaYoung]);
  });

  it("refuses a retention shorter than 24 h, or saga keys kept shorter than clients' keys", async () => {
    await expect(fx.store.pruneIdempotencyKeys({ olderThanMs: 3_600_000 })).rejects.toThrow(
      RangeError,
    );
    await expect(
      fx.store.pruneIdempotencyKeys({ olderThanMs: 7 * DAY_MS, sagaKeysOlderThanMs: 2 * DAY_MS }),
    ).rejects.toThrow(RangeError);
  });

  it('lets pruners run side by side: each key is deleted once, none fails', async () => {
    const keys = Array.from({ length: 40 }, () => `client-${randomUUID()}`);
    for (const key of keys) await keyAged(key, 9);
    const runs = await Promise.all(
      [1, 2, 3].map(() => fx.store.pruneIdempotencyKeys({ olderThanMs: 7 * DAY_MS, batchSize: 5 })),
    );
    expect(runs.reduce((sum, run) => sum + run.clientKeys, 0)).toBe(40);
    expect(await remaining(keys)).toEqual([]);
  });

  it('a request repeated after its key was pruned is a new request to the store', async () => {
    const key = `client-${randomUUID()}`;
    const streamId = await keyAged(key, 8);
    const retried = { expectedVersion: 'any' as const, idempotency: { key } };
    expect((await fx.store.append(streamId, [deposited(1)], retried)).replayed).toBe(true);

    await fx.store.pruneIdempotencyKeys({ olderThanMs: 7 * DAY_MS });

    // Past the retention the key is forgotten: only the stream's own state (a decider's rules,
    // an expected version) can still tell the repeat apart, which is why the retention must
    // outlast every client's retry window.
    expect((await fx.store.append(streamId, [deposited(1)], retried)).replayed).toBe(false);
    expect(await fx.store.streamVersion(streamId)).toBe(2);
  });
});

describe('streamHasEvent', () => {
  let fx: StoreFixture;
  beforeAll(async () => {
    fx = await migratedStore();
  });
  afterAll(() => fx.drop());

  it('finds an event of a type by a data field, in that stream only', async () => {
    const streamId = streamOf('account');
    const id = randomUUID();
    await fx.store.append(streamId, [{ type: 'FundsReserved', data: { reservationId: id } }], {
      expectedVersion: 'any',
    });
    const probe = { type: 'FundsReserved', field: 'reservationId', value: id };
    expect(await fx.store.streamHasEvent(streamId, probe)).toBe(true);
    expect(await fx.store.streamHasEvent(streamOf('account'), probe)).toBe(false);
    expect(await fx.store.streamHasEvent(streamId, { ...probe, type: 'ReservationCaptured' })).toBe(
      false,
    );
    expect(await fx.store.streamHasEvent(streamId, { ...probe, value: randomUUID() })).toBe(false);
  });

  it('refuses a type or field that is not a plain name', async () => {
    await expect(
      fx.store.streamHasEvent('account-x', { type: "x' OR '1", field: 'f', value: 'v' }),
    ).rejects.toThrow(RangeError);
  });
});
