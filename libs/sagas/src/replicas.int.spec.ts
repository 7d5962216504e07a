import * as grpc from '@grpc/grpc-js';
import { RpcError } from '@ledgerline/grpc';
import { createLogger } from '@ledgerline/logging';
import { eventually, isolatedPostgres, uniqueName } from '@ledgerline/testing';
import { type EventTopic, eventTopic } from '@ledgerline/testing-kafka';
import { type Pool } from 'pg';
import { type TransferCommand, transferRequested, transferSaga } from './fixtures/transfer-saga';
import { sagaOperator } from './operator';
import { type DispatchMetadata, type SagaRuntime, startSagaRuntime } from './runtime';
import { sagaTables } from './tables';

// Two replicas of one saga runtime on one schema: the send fence (docs/adr/0020) must make a
// superseded command impossible, not merely harmless.

const logger = createLogger({ service: 'sagas-replicas-test', level: 'silent' });

let db: { pool: Pool; schema: string; drop(): Promise<void> };
let topic: EventTopic;
const running: SagaRuntime[] = [];

beforeAll(async () => {
  db = await isolatedPostgres('saga_replicas');
  topic = await eventTopic(3);
});
afterAll(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
  await topic.close();
  await db.drop();
});

type Dispatch = (command: TransferCommand, meta: DispatchMetadata) => Promise<unknown>;

const replica = (dispatch: Dispatch) =>
  startSagaRuntime({
    definition: transferSaga(topic.topic),
    pool: db.pool,
    schema: db.schema,
    messaging: topic.messaging,
    logger,
    dispatch,
    groupId: uniqueName('saga-group'),
    consumer: { sessionTimeoutMs: 6_000 },
    pollIntervalMs: 50,
    claimMs: 3_000,
  }).then((runtime) => {
    running.push(runtime);
    return runtime;
  });

const commandStatus = async (sagaId: string, step: string) =>
  (
    await db.pool.query<{ status: string }>(
      `SELECT status FROM ${sagaTables(db.schema).commands} WHERE saga_id = $1 AND step = $2`,
      [sagaId, step],
    )
  ).rows[0]?.status;

/** Resolves after `ms`, or rejects as a gRPC client would once the call's deadline passes. */
const serve = (ms: number, sendBy: Date) =>
  new Promise<void>((resolve, reject) => {
    const late = sendBy.getTime() - Date.now() < ms;
    setTimeout(
      () =>
        late
          ? reject(
              new RpcError(
                grpc.status.DEADLINE_EXCEEDED,
                'deadline',
                new grpc.Metadata(),
                undefined,
              ),
            )
          : resolve(),
      Math.min(ms, Math.max(0, sendBy.getTime() - Date.now())),
    );
  });

describe('saga replicas', () => {
  it('never sends a command another replica superseded: its deadline waits for the send in flight', async () => {
    const sagaId = uniqueName('t');
    const seen: {
      step: string;
      before?: string | undefined;
      after?: string | undefined;
      at: number;
    }[] = [];
    let sendStarted = 0;
    // Replica A sends the debit slowly (1 s); the saga's deadline (200 ms) falls due meanwhile.
    await replica(async (command, meta) => {
      const entry: (typeof seen)[number] = { step: command.step, at: Date.now() };
      seen.push(entry);
      entry.before = await commandStatus(sagaId, command.step);
      if (command.step === 'debit') {
        sendStarted = Date.now();
        await serve(1_000, meta.sendBy);
      }
      entry.after = await commandStatus(sagaId, command.step);
      return {};
    });
    await topic.publish([transferRequested(sagaId, 200)]);
    await eventually(() => expect(sendStarted).toBeGreaterThan(0));
    // Replica B polls deadlines every 50 ms: it finds the due one while A's debit is in flight.
    const sentByB: string[] = [];
    await replica((command) => {
      sentByB.push(command.step);
      return Promise.resolve({});
    });

    await eventually(async () =>
      expect((await sagaOperator({ pool: db.pool, schema: db.schema }).show(sagaId)).status).toBe(
        'completed',
      ),
    );
    const shown = await sagaOperator({ pool: db.pool, schema: db.schema }).show(sagaId);
    // Every command was pending in the store from the start of its send to its end.
    expect(seen.map((s) => [s.step, s.before, s.after])).toEqual([
      ['debit', 'pending', 'pending'],
      ['credit', 'pending', 'pending'],
    ]);
    expect(sentByB).toEqual([]);
    expect(shown.commands.map((c) => [c.step, c.status])).toEqual([
      ['debit', 'done'],
      ['credit', 'done'],
    ]);
    // The deadline was due long before the debit's outcome, and came to nothing after it.
    const debitEnded = seen.find((s) => s.step === 'credit')!.at;
    expect(debitEnded - sendStarted).toBeGreaterThanOrEqual(900);
    expect(shown.history.map((h) => (h.input as { kind: string }).kind)).toEqual([
      'event',
      'succeeded',
      'succeeded',
    ]);
  });
});
