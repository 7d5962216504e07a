import { randomUUID } from 'node:crypto';

import {
  AppendNotFirstWrite,
  DuplicateEventId,
  IdempotencyKeyConflict,
  WrongExpectedVersion,
  migrate,
  MIGRATIONS,
  type NewEvent,
} from './index';
import { migratedStore, streamOf, type StoreFixture } from './store.fixture';

const deposited = (amount: number): NewEvent => ({ type: 'FundsDeposited', data: { amount } });

describe('PostgresEventStore append and readStream', () => {
  let fx: StoreFixture;
  beforeAll(async () => {
    fx = await migratedStore();
  });
  afterAll(() => fx.drop());

  it('round-trips a batch with versions, positions, ids and merged metadata', async () => {
    const streamId = streamOf('account');
    const result = await fx.store.append(streamId, [deposited(1), deposited(2)], {
      expectedVersion: 'no_stream',
      metadata: { correlationId: 'corr-1', actor: 'alice' },
    });
    expect(result).toMatchObject({ streamId, firstVersion: 1, nextVersion: 2, replayed: false });
    expect(result.position).toBe(result.events[1]!.globalPosition);
    expect(result.events[0]!.globalPosition).toBeLessThan(result.events[1]!.globalPosition);

    const read = await fx.store.readStream(streamId);
    expect(read).toEqual(result.events);
    expect(read.map((e) => [e.streamVersion, e.data])).toEqual([
      [1, { amount: 1 }],
      [2, { amount: 2 }],
    ]);
    expect(read[0]!.metadata).toEqual({
      correlationId: 'corr-1',
      actor: 'alice',
      eventId: read[0]!.eventId,
    });
    expect(await fx.store.streamVersion(streamId)).toBe(2);
  });

  it('reads backward, from a version, with a limit', async () => {
    const streamId = streamOf('account');
    await fx.store.append(streamId, [1, 2, 3, 4, 5].map(deposited), { expectedVersion: 0 });
    const versions = async (options: Parameters<typeof fx.store.readStream>[1]) =>
      (await fx.store.readStream(streamId, options)).map((e) => e.streamVersion);
    expect(await versions({ from: 2, limit: 2 })).toEqual([2, 3]);
    expect(await versions({ direction: 'backward', limit: 2 })).toEqual([5, 4]);
    expect(await versions({ direction: 'backward', from: 3 })).toEqual([3, 2, 1]);
    expect(await fx.store.readStream(streamOf('account'))).toEqual([]);
  });

  describe.each([
    ['an exact version', 1, 2],
    ['no_stream', 'no_stream', 'stream_exists'],
    ['stream_exists', 'stream_exists', 'no_stream'],
  ] as const)('expectedVersion %s', (_name, good, bad) => {
    it('accepts the matching state and rejects the other with WrongExpectedVersion', async () => {
      const streamId = streamOf('account');
      if (good !== 'no_stream')
        await fx.store.append(streamId, [deposited(1)], { expectedVersion: 'any' });
      const before = await fx.store.streamVersion(streamId);
      const rejected = fx.store.append(streamId, [deposited(9)], { expectedVersion: bad });
      await expect(rejected).rejects.toThrow(WrongExpectedVersion);
      await expect(rejected).rejects.toMatchObject({ streamId, expected: bad, actual: before });
      expect(await fx.store.streamVersion(streamId)).toBe(before);
      const accepted = await fx.store.append(streamId, [deposited(2)], { expectedVersion: good });
      expect(accepted.nextVersion).toBe(before + 1);
    });
  });

  it("'any' appends whatever the version", async () => {
    const streamId = streamOf('account');
    await fx.store.append(streamId, [deposited(1)], { expectedVersion: 'any' });
    const second = await fx.store.append(streamId, [deposited(2)], { expectedVersion: 'any' });
    expect(second.nextVersion).toBe(2);
  });

  it('a stale exact version names the actual version', async () => {
    const streamId = streamOf('account');
    await fx.store.append(streamId, [deposited(1), deposited(2)], { expectedVersion: 0 });
    await expect(fx.store.append(streamId, [deposited(3)], { expectedVersion: 1 })).rejects.toThrow(
      `stream ${streamId}: expected version 1, actual 2`,
    );
  });

  it('is atomic: a batch whose third event fails to insert writes nothing, not even the version bump', async () => {
    const streamId = streamOf('account');
    await fx.store.append(streamId, [deposited(1)], { expectedVersion: 'no_stream' });
    const id = randomUUID();
    // The same id twice in one batch: the second row violates the unique index mid-insert.
    const batch = [
      deposited(2),
      { ...deposited(3), eventId: id },
      { ...deposited(4), eventId: id },
    ];
    await expect(fx.store.append(streamId, batch, { expectedVersion: 1 })).rejects.toThrow(
      DuplicateEventId,
    );
    expect((await fx.store.readStream(streamId)).map((e) => e.data)).toEqual([{ amount: 1 }]);
    expect(await fx.store.streamVersion(streamId)).toBe(1);
    expect(
      (await fx.store.append(streamId, [deposited(5)], { expectedVersion: 1 })).nextVersion,
    ).toBe(2);
  });

  it('rejects a malformed event id before writing anything', async () => {
    const streamId = streamOf('account');
    const bad: NewEvent = { type: 'FundsDeposited', data: {}, eventId: 'not-a-uuid' };
    await expect(
      fx.store.append(streamId, [deposited(1), bad], { expectedVersion: 'any' }),
    ).rejects.toThrow(/uuid/);
    expect(await fx.store.streamVersion(streamId)).toBe(0);
  });

  describe('idempotency keys', () => {
    it('the same key twice writes once and returns the original result', async () => {
      const streamId = streamOf('account');
      const key = randomUUID();
      const first = await fx.store.append(streamId, [deposited(5)], {
        expectedVersion: 'no_stream',
        idempotency: { key },
      });
      const again = await fx.store.append(streamId, [deposited(5)], {
        expectedVersion: 'no_stream',
        idempotency: { key },
      });
      expect(again.replayed).toBe(true);
      expect({ ...again, replayed: false }).toEqual(first);
      expect(await fx.store.streamVersion(streamId)).toBe(1);
      expect(first.events[0]!.metadata.idempotencyKey).toBe(key);
    });

    it('10 concurrent appends with one key write once', async () => {
      const streamId = streamOf('account');
      const key = randomUUID();
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          fx.store.append(streamId, [deposited(7)], {
            expectedVersion: 'any',
            idempotency: { key },
          }),
        ),
      );
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      expect(new Set(results.map((r) => r.events[0]!.eventId)).size).toBe(1);
      expect(await fx.store.readStream(streamId)).toHaveLength(1);
    });

    it('a different request under a used key is an IdempotencyKeyConflict naming the key', async () => {
      const streamId = streamOf('account');
      const key = randomUUID();
      await fx.store.append(streamId, [deposited(5)], {
        expectedVersion: 'any',
        idempotency: { key },
      });
      await expect(
        fx.store.append(streamId, [deposited(6)], { expectedVersion: 'any', idempotency: { key } }),
      ).rejects.toThrow(new IdempotencyKeyConflict('account', key));
      await expect(
        fx.store.findIdempotentResult(streamId, { key, requestHash: 'other' }),
      ).rejects.toThrow(IdempotencyKeyConflict);
      expect(await fx.store.streamVersion(streamId)).toBe(1);
    });

    it('keys are scoped to the stream category', async () => {
      const key = randomUUID();
      await fx.store.append(streamOf('account'), [deposited(1)], {
        expectedVersion: 'any',
        idempotency: { key },
      });
      const other = await fx.store.append(streamOf('payment'), [deposited(2)], {
        expectedVersion: 'any',
        idempotency: { key },
      });
      expect(other.replayed).toBe(false);
    });

    it('pruning keeps keys younger than the retention and refuses less than 24 h', async () => {
      const streamId = streamOf('account');
      const key = randomUUID();
      await fx.store.append(streamId, [deposited(1)], {
        expectedVersion: 'any',
        idempotency: { key },
      });
      await fx.pool.query(
        `UPDATE "${fx.schema}".idempotency_keys SET created_at = now() - interval '8 days' WHERE key = $1`,
        [key],
      );
      await expect(fx.store.pruneIdempotencyKeys({ olderThanMs: 3_600_000 })).rejects.toThrow(
        RangeError,
      );
      expect((await fx.store.pruneIdempotencyKeys()).clientKeys).toBeGreaterThanOrEqual(1);
      await expect(
        fx.store.findIdempotentResult(streamId, { key, requestHash: 'x' }),
      ).resolves.toBeUndefined();
    });
  });

  describe('client-supplied event ids', () => {
    it('a retried append with the same event ids returns the original result', async () => {
      const streamId = streamOf('account');
      const events = [1, 2].map((n) => ({ ...deposited(n), eventId: randomUUID() }));
      const first = await fx.store.append(streamId, events, { expectedVersion: 0 });
      await fx.store.append(streamId, [deposited(3)], { expectedVersion: 2 });
      const retried = await fx.store.append(streamId, events, { expectedVersion: 0 });
      expect(retried).toEqual({ ...first, replayed: true });
      expect(await fx.store.streamVersion(streamId)).toBe(3);
    });

    it('hands back a client id in the lower case Postgres stores it in', async () => {
      const streamId = streamOf('account');
      const id = randomUUID().toUpperCase();
      const result = await fx.store.append(streamId, [{ ...deposited(1), eventId: id }], {
        expectedVersion: 'any',
      });
      expect(result.events[0]!.eventId).toBe(id.toLowerCase());
      expect(await fx.store.readStream(streamId)).toEqual(result.events);
    });

    it('a reused event id in another batch or stream is a DuplicateEventId', async () => {
      const streamId = streamOf('account');
      const id = randomUUID();
      await fx.store.append(streamId, [{ ...deposited(1), eventId: id }, deposited(2)], {
        expectedVersion: 'any',
      });
      await expect(
        fx.store.append(streamId, [{ ...deposited(1), eventId: id }], { expectedVersion: 'any' }),
      ).rejects.toThrow(new DuplicateEventId(streamId, id));
      const other = streamOf('account');
      await expect(
        fx.store.append(other, [{ ...deposited(1), eventId: id }], { expectedVersion: 'any' }),
      ).rejects.toThrow(DuplicateEventId);
      expect(await fx.store.streamVersion(other)).toBe(0);
    });
  });

  describe('appendInTransaction', () => {
    it("writes nothing when the caller's transaction rolls back", async () => {
      const streamId = streamOf('account');
      const client = await fx.pool.connect();
      try {
        await client.query('BEGIN');
        const pending = await fx.store.appendInTransaction(client, streamId, [deposited(1)], {
          expectedVersion: 'no_stream',
        });
        expect(pending.nextVersion).toBe(1);
        await client.query('ROLLBACK');
      } finally {
        client.release();
      }
      expect(await fx.store.readStream(streamId)).toEqual([]);
      const after = await fx.store.append(streamId, [deposited(2)], {
        expectedVersion: 'no_stream',
      });
      expect(after.nextVersion).toBe(1);
    });

    it('refuses to run after the transaction already wrote something', async () => {
      const client = await fx.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_current_xact_id()');
        await expect(
          fx.store.appendInTransaction(client, streamOf('account'), [deposited(1)], {
            expectedVersion: 'any',
          }),
        ).rejects.toThrow(AppendNotFirstWrite);
        await client.query('ROLLBACK');
      } finally {
        client.release();
      }
    });
  });

  it('migrate applies each migration once when processes start together, then nothing', async () => {
    const schema = `${fx.schema}_m`;
    try {
      const versions = MIGRATIONS.map((m) => m.version);
      const results = await Promise.all([1, 2, 3].map(() => migrate(fx.pool, { schema })));
      expect(results.map((r) => r.applied).sort()).toEqual([[], [], versions]);
      expect((await migrate(fx.pool, { schema })).applied).toEqual([]);
      const { rows } = await fx.pool.query<{ version: number }>(
        `SELECT version FROM "${schema}".schema_migrations ORDER BY version`,
      );
      expect(rows.map((r) => r.version)).toEqual(versions);
    } finally {
      await fx.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  });
});
