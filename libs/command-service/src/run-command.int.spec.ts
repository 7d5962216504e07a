import * as grpc from '@grpc/grpc-js';
import { type Decider, InvalidInput } from '@ledgerline/domain';
import { IdempotencyKeyConflict, migrate, PostgresEventStore } from '@ledgerline/event-store';
import { bindCaller, type Caller, Forbidden } from '@ledgerline/grpc';
import { isolatedPostgres } from '@ledgerline/testing';
import { toReceipt } from './receipt';
import { runCommand } from './run-command';

type Add = { type: 'Add'; data: { amount: number }; metadata: { now: string } };
type Added = { type: 'Added'; data: { amount: number; at: string } };
const counter: Decider<Add, number, Added> = {
  initialState: 0,
  decide: (command) => [
    { type: 'Added', data: { amount: command.data.amount, at: command.metadata.now } },
  ],
  evolve: (total, event) => total + event.data.amount,
};
const add = (amount: number, now: string): Add => ({
  type: 'Add',
  data: { amount },
  metadata: { now },
});
const headers = (entries: Record<string, string>) => {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
  return metadata;
};

describe('runCommand', () => {
  let pg: Awaited<ReturnType<typeof isolatedPostgres>>;
  let store: PostgresEventStore;
  beforeAll(async () => {
    pg = await isolatedPostgres('run_command');
    await migrate(pg.pool, { schema: pg.schema });
    store = new PostgresEventStore({ pool: pg.pool, schema: pg.schema });
  });
  afterAll(() => pg.drop());

  it('treats a retry stamped at a later time as the same request', async () => {
    const base = { store, decider: counter, streamId: 'counter-a', idempotencyKey: 'k-1' };
    const first = await runCommand({
      ...base,
      command: add(5, '2026-01-01T00:00:00Z'),
      metadata: headers({}),
    });
    const retry = await runCommand({
      ...base,
      command: add(5, '2026-01-01T00:00:09Z'),
      metadata: headers({}),
    });
    expect(toReceipt(retry)).toEqual({ ...toReceipt(first), replayed: true });
    expect(await store.readStream('counter-a')).toHaveLength(1);
  });

  it('accepts the key from the idempotency-key header and stamps the verified caller, not x-actor', async () => {
    const metadata = headers({
      'idempotency-key': 'k-2',
      'x-correlation-id': 'corr-9',
      'x-actor': 'mallory',
    });
    bindCaller(metadata, { kind: 'user', subject: 'ops', scopes: new Set() });
    const result = await runCommand({
      store,
      decider: counter,
      streamId: 'counter-b',
      command: add(1, 'now'),
      metadata,
    });
    expect(result.events[0]?.metadata).toMatchObject({
      correlationId: 'corr-9',
      actor: 'ops',
      idempotencyKey: 'k-2',
    });
    await expect(
      runCommand({
        store,
        decider: counter,
        streamId: 'counter-b',
        command: add(2, 'now'),
        metadata: headers({ 'idempotency-key': 'k-2' }),
      }),
    ).rejects.toThrow(IdempotencyKeyConflict);
  });

  it('rejects a request whose key field and header disagree, before any write', async () => {
    await expect(
      runCommand({
        store,
        decider: counter,
        streamId: 'counter-c',
        command: add(1, 'now'),
        idempotencyKey: 'field',
        metadata: headers({ 'idempotency-key': 'header' }),
      }),
    ).rejects.toThrow(
      new InvalidInput('idempotencyKey', 'differs from the idempotency-key header'),
    );
    expect(await store.readStream('counter-c')).toHaveLength(0);
  });

  describe('who may run the command', () => {
    const as = (caller: Caller, entries: Record<string, string> = {}) => {
      const metadata = headers(entries);
      bindCaller(metadata, caller);
      return metadata;
    };
    const saga: Caller = { kind: 'workload', subject: 'checkout', scopes: new Set(['sagas:act']) };
    const ops: Caller = { kind: 'user', subject: 'ops', scopes: new Set(['owners:any']) };

    it('refuses a saga: key (field or header) to a caller without sagas:act, before any write', async () => {
      const base = { store, decider: counter, streamId: 'counter-d', command: add(1, 'now') };
      await expect(
        runCommand({ ...base, idempotencyKey: 'saga:o-1:step', metadata: as(ops) }),
      ).rejects.toThrow(Forbidden);
      await expect(
        runCommand({ ...base, metadata: as(ops, { 'idempotency-key': 'saga:o-1:step' }) }),
      ).rejects.toThrow(Forbidden);
      expect(await store.readStream('counter-d')).toHaveLength(0);
      await runCommand({ ...base, idempotencyKey: 'saga:o-1:step', metadata: as(saga) });
      expect(await store.readStream('counter-d')).toHaveLength(1);
    });

    it('asks authorize with the folded state inside the stream queue, and writes nothing when it refuses', async () => {
      const base = { store, decider: counter, streamId: 'counter-e', metadata: as(ops) };
      await runCommand({ ...base, command: add(7, 'now') });
      const seen: number[] = [];
      await runCommand({ ...base, command: add(1, 'now'), authorize: (s) => void seen.push(s) });
      expect(seen).toEqual([7]);
      const refuse = () => {
        throw new Forbidden('ownership', 'not yours');
      };
      await expect(
        runCommand({ ...base, command: add(1, 'now'), authorize: refuse }),
      ).rejects.toThrow(Forbidden);
      expect(await store.readStream('counter-e')).toHaveLength(2);
    });
  });
});
