import * as grpc from '@grpc/grpc-js';
import { type Decider, InvalidInput } from '@ledgerline/domain';
import { IdempotencyKeyConflict, migrate, PostgresEventStore } from '@ledgerline/event-store';
import { bindCaller } from '@ledgerline/grpc';
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
});
