import * as grpc from '@grpc/grpc-js';
import { RpcError } from '@ledgerline/grpc';
import { eventually, uniqueName } from '@ledgerline/testing';
import { sagaRuntimeBed } from './fixtures/runtime-bed';
import { type TransferCommand, transferRequested, transferSaga } from './fixtures/transfer-saga';
import { sagaOperator } from './operator';
import { type SagaDefinition } from './saga';

// Commands a saga sends together: their outcomes are one write, and a retry of one of them goes
// out when its backoff ends, not at the next round of polling.

const bed = sagaRuntimeBed('sagas_together');

type Step = TransferCommand['step'];

/** TransferRequested → `debit` and `credit` together → `refund` (a stand-in third step) → done. */
const pairSaga = (): SagaDefinition<{ waiting: Step[] }, unknown, TransferCommand, 'transfer'> => {
  const base = transferSaga(bed.topic.topic);
  return {
    ...base,
    react: (input, state, { ids }) => {
      if (input.kind === 'event')
        return state
          ? undefined
          : {
              state: { waiting: ['debit', 'credit'] },
              status: 'running',
              commands: [
                { step: 'debit', transferId: ids.transfer },
                { step: 'credit', transferId: ids.transfer },
              ],
            };
      if (input.kind !== 'succeeded' || !state) return undefined;
      const waiting = state.waiting.filter((step) => step !== input.step);
      if (waiting.length > 0) return { state: { waiting }, status: 'running' };
      if (input.step === 'refund') return { state: { waiting }, status: 'completed' };
      return {
        state: { waiting: ['refund'] },
        status: 'running',
        commands: [{ step: 'refund', transferId: ids.transfer }],
      };
    },
  };
};

const start = (dispatch: (command: TransferCommand) => Promise<unknown>, pollIntervalMs: number) =>
  bed.start({
    definition: pairSaga(),
    dispatch,
    pollIntervalMs,
    claimMs: 1_000,
    retry: { baseDelayMs: 20, maxDelayMs: 100, compensationAttempts: 3 },
  });

const operator = () => sagaOperator({ pool: bed.db.pool, schema: bed.db.schema });
const statusOf = async (sagaId: string) => (await operator().show(sagaId)).status;

describe('commands a saga sends together', () => {
  it('given both outcomes came back, then they are written in one statement, each with its own history entry', async () => {
    const sent: Step[] = [];
    await start((command) => {
      sent.push(command.step);
      return Promise.resolve({});
    }, 50);
    const sagaId = uniqueName('pair');
    await bed.topic.publish([transferRequested(sagaId)]);
    await eventually(async () => expect(await statusOf(sagaId)).toBe('completed'));
    const { rows } = await bed.db.pool.query<{ input_id: string; version: number; at: string }>(
      `SELECT input_id, version, recorded_at::text AS at FROM "${bed.db.schema}".saga_history
       WHERE saga_id = $1 AND input_id LIKE 'reply:%' ORDER BY version`,
      [sagaId],
    );
    expect(rows.map((r) => [r.input_id, r.version])).toEqual([
      ['reply:debit:1', 2],
      ['reply:credit:1', 3],
      ['reply:refund:1', 4],
    ]);
    // One transaction's timestamp: the two replies were one write; the third reply another.
    expect(rows[0]!.at).toBe(rows[1]!.at);
    expect(rows[2]!.at).not.toBe(rows[1]!.at);
    const { commands } = await operator().show(sagaId);
    expect(commands.map((c) => [c.step, c.status])).toEqual([
      ['credit', 'done'],
      ['debit', 'done'],
      ['refund', 'done'],
    ]);
    expect([...sent].sort()).toEqual(['credit', 'debit', 'refund']);
  });

  it('given one of them fails for a transient reason, then the other is handled and the retry goes out after its backoff, not the polling interval', async () => {
    const sent: Step[] = [];
    await start((command) => {
      sent.push(command.step);
      if (command.step === 'credit' && sent.filter((s) => s === 'credit').length === 1)
        return Promise.reject(
          new RpcError(grpc.status.UNAVAILABLE, 'down', new grpc.Metadata(), undefined),
        );
      return Promise.resolve({});
    }, 60_000);
    const sagaId = uniqueName('pair');
    await bed.topic.publish([transferRequested(sagaId)]);
    // The poller's first round ran at start-up; the next would be a minute later.
    await eventually(async () => expect(await statusOf(sagaId)).toBe('completed'), {
      timeoutMs: 8_000,
    });
    expect(sent.filter((s) => s === 'credit')).toHaveLength(2);
    expect(sent.filter((s) => s === 'refund')).toHaveLength(1);
  });
});
