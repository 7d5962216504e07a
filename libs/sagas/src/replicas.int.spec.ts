import * as grpc from '@grpc/grpc-js';
import { RpcError } from '@ledgerline/grpc';
import { eventually, uniqueName } from '@ledgerline/testing';
import { sagaRuntimeBed } from './fixtures/runtime-bed';
import { type TransferCommand, transferRequested, transferSaga } from './fixtures/transfer-saga';
import { sagaOperator } from './operator';
import { type DispatchMetadata } from './runtime';
import { sagaTables } from './tables';

// Two replicas of one saga runtime on one schema: the send fence (docs/adr/0021) must make a
// superseded command impossible, not merely harmless.

const bed = sagaRuntimeBed('saga_replicas', { stopAfter: 'all' });

type Dispatch = (command: TransferCommand, meta: DispatchMetadata) => Promise<unknown>;

const replica = (dispatch: Dispatch) =>
  bed.start({ definition: transferSaga(bed.topic.topic), dispatch, claimMs: 3_000 });

const commandStatus = async (sagaId: string, step: string) =>
  (
    await bed.db.pool.query<{ status: string }>(
      `SELECT status FROM ${sagaTables(bed.db.schema).commands} WHERE saga_id = $1 AND step = $2`,
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
    await bed.topic.publish([transferRequested(sagaId, 200)]);
    await eventually(() => expect(sendStarted).toBeGreaterThan(0));
    // Replica B polls deadlines every 50 ms: it finds the due one while A's debit is in flight.
    const sentByB: string[] = [];
    await replica((command) => {
      sentByB.push(command.step);
      return Promise.resolve({});
    });

    await eventually(async () =>
      expect(
        (await sagaOperator({ pool: bed.db.pool, schema: bed.db.schema }).show(sagaId)).status,
      ).toBe('completed'),
    );
    const shown = await sagaOperator({ pool: bed.db.pool, schema: bed.db.schema }).show(sagaId);
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
