import * as grpc from '@grpc/grpc-js';
import { RpcError } from '@ledgerline/grpc';
import { eventually, uniqueName } from '@ledgerline/testing';
import { sagaRuntimeBed } from './fixtures/runtime-bed';
import { type TransferCommand, transferRequested, transferSaga } from './fixtures/transfer-saga';
import { sagaOperator } from './operator';
import { type DispatchMetadata } from './runtime';

const rpcError = (code: grpc.status, details = 'test') =>
  new RpcError(code, details, new grpc.Metadata(), undefined);

const bed = sagaRuntimeBed('sagas');

type Dispatch = (command: TransferCommand, meta: DispatchMetadata) => Promise<unknown>;

const start = (
  dispatch: Dispatch,
  extra: { faults?: { afterCommit?(): void }; groupId?: string } = {},
) =>
  bed.start({
    definition: transferSaga(bed.topic.topic),
    dispatch,
    ...(extra.groupId && { groupId: extra.groupId }),
    claimMs: 300,
    retry: { baseDelayMs: 20, maxDelayMs: 100, compensationAttempts: 3 },
    ...(extra.faults && { faults: extra.faults }),
  });

const operator = () => sagaOperator({ pool: bed.db.pool, schema: bed.db.schema });
const statusOf = async (sagaId: string) => (await operator().show(sagaId)).status;
const newId = () => uniqueName('t');

/** Records every dispatched command (step and idempotency key) and answers via `answer`. */
const recorder = (answer: (command: TransferCommand, attempt: number) => unknown) => {
  const sent: { step: string; key: string; transferId: string }[] = [];
  const dispatch: Dispatch = (command, meta) => {
    sent.push({ step: command.step, key: meta.idempotencyKey, transferId: command.transferId });
    return Promise.resolve().then(() =>
      answer(command, sent.filter((s) => s.key === meta.idempotencyKey).length),
    );
  };
  return { sent, dispatch };
};

describe('the saga runtime', () => {
  it('runs each step once, with deterministic keys and ids, and ignores a re-sent event', async () => {
    const { sent, dispatch } = recorder(() => ({ ok: true }));
    await start(dispatch);
    const sagaId = newId();
    await bed.topic.publish([transferRequested(sagaId)]);
    await eventually(async () => expect(await statusOf(sagaId)).toBe('completed'));
    await bed.topic.republish();
    await bed.topic.publish([transferRequested(sagaId)]); // a second event with another id: no restart
    const details = await operator().show(sagaId);
    expect(sent.map((s) => [s.step, s.key])).toEqual([
      ['debit', `saga:${sagaId}:debit`],
      ['credit', `saga:${sagaId}:credit`],
    ]);
    expect(new Set(sent.map((s) => s.transferId)).size).toBe(1);
    expect(sent[0]!.transferId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await operator().show(sagaId)).history.length).toBeLessThanOrEqual(
      details.history.length + 1,
    );
    expect(sent).toHaveLength(2);
    expect(details.commands.map((c) => [c.step, c.status])).toEqual([
      ['debit', 'done'],
      ['credit', 'done'],
    ]);
    expect(details.deadline).toBeNull();
  });

  it('retries transient failures with backoff until the command lands', async () => {
    const { sent, dispatch } = recorder((command, attempt) => {
      if (command.step === 'debit' && attempt <= 2) throw rpcError(grpc.status.UNAVAILABLE);
      if (command.step === 'credit' && attempt === 1) throw rpcError(grpc.status.ABORTED);
      return {};
    });
    await start(dispatch);
    const sagaId = newId();
    await bed.topic.publish([transferRequested(sagaId)]);
    await eventually(async () => expect(await statusOf(sagaId)).toBe('completed'));
    expect(sent.map((s) => s.step)).toEqual(['debit', 'debit', 'debit', 'credit', 'credit']);
    expect(new Set(sent.filter((s) => s.step === 'debit').map((s) => s.key)).size).toBe(1);
  });

  it('puts a saga whose compensation keeps failing into compensation_failed until an operator retries it', async () => {
    let refundWorks = false;
    const { sent, dispatch } = recorder((command) => {
      if (command.step === 'credit')
        throw rpcError(grpc.status.FAILED_PRECONDITION, 'account closed');
      if (command.step === 'refund' && !refundWorks) throw rpcError(grpc.status.UNAVAILABLE);
      return {};
    });
    await start(dispatch);
    const sagaId = newId();
    await bed.topic.publish([transferRequested(sagaId)]);
    await eventually(async () => expect(await statusOf(sagaId)).toBe('compensation_failed'));
    expect(sent.filter((s) => s.step === 'refund')).toHaveLength(3);
    const failed = await operator().list({ status: 'compensation_failed' });
    expect(failed.map((s) => s.sagaId)).toContain(sagaId);
    expect((await operator().countByStatus()).compensation_failed).toBeGreaterThanOrEqual(1);
    const refund = (await operator().show(sagaId)).commands.find((c) => c.step === 'refund');
    expect([refund?.status, refund?.attempts]).toEqual(['failed', 3]);

    refundWorks = true;
    expect(await operator().retry(sagaId)).toEqual({
      sagaId,
      steps: ['refund'],
      status: 'compensating',
    });
    await eventually(async () => expect(await statusOf(sagaId)).toBe('compensated'));
    const history = (await operator().show(sagaId)).history.map(
      (h) => (h.input as { kind: string }).kind,
    );
    expect(history).toEqual([
      'event',
      'succeeded',
      'rejected',
      'exhausted',
      'operator-retry',
      'succeeded',
    ]);
  });

  it('fires a deadline after a restart and stops re-sending the superseded step', async () => {
    const { sent, dispatch } = recorder(() => {
      throw rpcError(grpc.status.DEADLINE_EXCEEDED);
    });
    const first = await start(dispatch);
    const sagaId = newId();
    await bed.topic.publish([transferRequested(sagaId, 1_500)]);
    await eventually(() => expect(sent.length).toBeGreaterThan(0));
    await first.stop();
    const groupId = uniqueName('saga-group');
    await start(dispatch, { groupId });
    await eventually(async () => expect(await statusOf(sagaId)).toBe('compensated'));
    const debit = (await operator().show(sagaId)).commands[0];
    expect(debit?.status).toBe('superseded');
    const attempts = sent.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sent.length).toBe(attempts);
  });

  it('sends a command committed but never sent (crash between commit and send) from the outbox', async () => {
    const { sent, dispatch } = recorder(() => ({}));
    let crashes = 1;
    await start(dispatch, {
      faults: {
        afterCommit() {
          if (crashes-- > 0) throw new Error('simulated crash after commit');
        },
      },
    });
    const sagaId = newId();
    await bed.topic.publish([transferRequested(sagaId)]);
    await eventually(async () => expect(await statusOf(sagaId)).toBe('completed'));
    expect(sent.map((s) => s.step)).toEqual(['debit', 'credit']);
  });

  it('parks inputs its code throws on, keeps the rest flowing, and handles them again on restart', async () => {
    const buggy = { react: true, route: true };
    const correct = transferSaga(bed.topic.topic);
    const poisoned = newId();
    const unroutable = `unroutable-${newId()}`;
    const definition: typeof correct = {
      ...correct,
      route: (event) => {
        const data = event.data as { transferId?: string };
        if (buggy.route && data.transferId === unroutable) throw new Error('cannot route');
        return correct.route(event);
      },
      react: (input, state, context) => {
        if (buggy.react && context.sagaId === poisoned && input.kind === 'succeeded')
          throw new Error('bug in the reaction to a debit');
        return correct.react(input, state, context);
      },
    };
    const { sent, dispatch } = recorder(() => ({ ok: true }));
    const runtimeOf = () => bed.start({ definition, dispatch, groupId, claimMs: 300 });
    const groupId = uniqueName('saga-group');
    const first = await runtimeOf();
    const healthy = newId();
    await bed.topic.publish([
      transferRequested(poisoned),
      transferRequested(unroutable),
      transferRequested(healthy),
    ]);
    // The other sagas of the partition flow past both failures.
    await eventually(async () => expect(await statusOf(healthy)).toBe('completed'));
    const parked = async () =>
      (await operator().listParked()).sort((a, b) => (a.sagaId < b.sagaId ? -1 : 1));
    await eventually(async () => expect(await parked()).toHaveLength(2));
    expect((await parked()).map((p) => [p.sagaId, p.inputId.split(':')[0], p.error])).toEqual([
      ['(unrouted)', 'event', 'cannot route'],
      [poisoned, 'reply', 'bug in the reaction to a debit'],
    ]);
    // The outcome settled its command: the debit is not sent again and again meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(sent.filter((s) => s.step === 'debit')).toHaveLength(2); // poisoned and healthy
    expect(await statusOf(poisoned)).toBe('running');

    // A fixed release: the restarted runtime handles both parked inputs.
    await bed.stop(first);
    buggy.react = false;
    buggy.route = false;
    await runtimeOf();
    await eventually(async () => expect(await statusOf(poisoned)).toBe('completed'));
    await eventually(async () => expect(await statusOf(unroutable)).toBe('completed'));
    expect(await operator().listParked()).toEqual([]);
  });
});
