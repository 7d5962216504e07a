import * as grpc from '@grpc/grpc-js';
import { ConfigError } from '@ledgerline/config';
import { type Decider, RuleViolation } from '@ledgerline/domain';
import { migrate, PostgresEventStore } from '@ledgerline/event-store';
import { bindCaller } from '@ledgerline/grpc';
import { createLogger } from '@ledgerline/logging';
import { eventually, isolatedPostgres, uniqueName } from '@ledgerline/testing';
import { startIdempotencyPruner } from './idempotency-pruner';
import { runCommand } from './run-command';

// Two shapes of command: one without a natural id (a repeat is indistinguishable from a new
// request) and one that names what it creates (the state refuses a second one).
type Add = { type: 'Add'; data: { amount: number }; metadata: { now: string } };
type Added = { type: 'Added'; data: { amount: number } };
const counter: Decider<Add, number, Added> = {
  initialState: 0,
  decide: (command) => [{ type: 'Added', data: { amount: command.data.amount } }],
  evolve: (total, event) => total + event.data.amount,
};
type Open = { type: 'Open'; data: Record<string, never>; metadata: { now: string } };
type Opened = { type: 'Opened'; data: Record<string, never> };
const opening: Decider<Open, boolean, Opened> = {
  initialState: false,
  decide: (_command, opened) => {
    if (opened) throw new RuleViolation('already-exists', 'already open');
    return [{ type: 'Opened', data: {} }];
  },
  evolve: () => true,
};

const logger = createLogger({ service: 'pruner-test', level: 'warn' });
// The checkout saga's identity: only it may use saga: keys, which these tests retain apart.
const asSaga = () => {
  const metadata = new grpc.Metadata();
  bindCaller(metadata, { kind: 'workload', subject: 'checkout', scopes: new Set(['sagas:act']) });
  return metadata;
};
const now = '2026-01-01T00:00:00Z';

describe('idempotency pruner', () => {
  let pg: Awaited<ReturnType<typeof isolatedPostgres>>;
  let store: PostgresEventStore;
  beforeAll(async () => {
    pg = await isolatedPostgres('pruner');
    await migrate(pg.pool, { schema: pg.schema });
    store = new PostgresEventStore({ pool: pg.pool, schema: pg.schema });
  });
  afterAll(() => pg.drop());

  const backdate = (key: string, hours: number) =>
    pg.pool.query(
      `UPDATE "${pg.schema}".idempotency_keys
          SET created_at = now() - make_interval(hours => $2) WHERE key = $1`,
      [key, hours],
    );
  const keyExists = async (key: string) =>
    (await pg.pool.query(`SELECT 1 FROM "${pg.schema}".idempotency_keys WHERE key = $1`, [key]))
      .rowCount === 1;
  const add = (streamId: string, key: string) =>
    runCommand({
      store,
      decider: counter,
      streamId,
      command: { type: 'Add', data: { amount: 5 }, metadata: { now } },
      metadata: asSaga(),
      idempotencyKey: key,
    });

  it('prunes on its own schedule: keys past the retention go, younger ones stay', async () => {
    const [expired, kept, sagaKept] = [
      uniqueName('k'),
      uniqueName('k'),
      `saga:${uniqueName('s')}:x`,
    ];
    await add(`counter-${uniqueName('a')}`, expired);
    await add(`counter-${uniqueName('a')}`, kept);
    await add(`counter-${uniqueName('a')}`, sagaKept);
    await backdate(expired, 25);
    await backdate(kept, 23);
    await backdate(sagaKept, 25);

    const pruner = startIdempotencyPruner({
      store,
      logger,
      retentionHours: 24,
      sagaRetentionHours: 48,
      intervalMs: 100,
    });
    try {
      await eventually(async () => expect(await keyExists(expired)).toBe(false));
      expect(await keyExists(kept)).toBe(true);
      expect(await keyExists(sagaKept)).toBe(true);
    } finally {
      await pruner.stop();
    }
  });

  it('a request repeated after its key was pruned: refused by the state when it names what it creates', async () => {
    const streamId = `thing-${uniqueName('t')}`;
    const key = uniqueName('k');
    const open = () =>
      runCommand({
        store,
        decider: opening,
        streamId,
        command: { type: 'Open', data: {}, metadata: { now } },
        metadata: asSaga(),
        idempotencyKey: key,
      });
    await open();
    expect((await open()).replayed).toBe(true);
    await backdate(key, 25);
    const pruner = startIdempotencyPruner({
      store,
      logger,
      retentionHours: 24,
      sagaRetentionHours: 24,
    });
    try {
      expect((await pruner.runOnce()).clientKeys).toBeGreaterThanOrEqual(1);
    } finally {
      await pruner.stop();
    }
    await expect(open()).rejects.toThrow(RuleViolation);
    expect(await store.streamVersion(streamId)).toBe(1);
  });

  it('a request repeated after its key was pruned: applied again when nothing in it is unique', async () => {
    const streamId = `counter-${uniqueName('c')}`;
    const key = uniqueName('k');
    await add(streamId, key);
    await backdate(key, 25);
    const pruner = startIdempotencyPruner({
      store,
      logger,
      retentionHours: 24,
      sagaRetentionHours: 24,
    });
    try {
      await pruner.runOnce();
    } finally {
      await pruner.stop();
    }
    // This is why the retention must outlast every client's retries (README, "Event store").
    expect((await add(streamId, key)).replayed).toBe(false);
    expect(await store.streamVersion(streamId)).toBe(2);
  });

  it("refuses saga keys kept shorter than clients' keys, naming the setting", () => {
    expect(() =>
      startIdempotencyPruner({ store, logger, retentionHours: 48, sagaRetentionHours: 24 }),
    ).toThrow(ConfigError);
  });
});
