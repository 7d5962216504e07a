import { DatabaseError, type Pool } from 'pg';

import { type AppendContext, type PreparedAppend } from './append-one';
import { DeadlineExceeded } from './errors';
import { GroupCommit } from './group-commit';

const ctx: AppendContext = { s: '"t"', schema: 't', upcasters: {}, codec: undefined };

const appendTo = (streamId: string): PreparedAppend => ({
  streamId,
  category: 'account',
  expectedVersion: 'any',
  expected: -1,
  events: [{ id: `id-${streamId}`, type: 'T', v: 1, data: {}, given: {}, meta: {} }],
  checkIds: false,
  key: null,
  requestHash: null,
});

interface Call {
  readonly via: 'pool' | 'client';
  readonly text: string;
  readonly values: unknown[];
  answer(rows: unknown[][]): void;
}

/** A pool whose queries wait until the test answers them. */
const fakePool = () => {
  const calls: Call[] = [];
  const query = (via: Call['via']) => (config: { text: string; values: unknown[] }) =>
    new Promise((resolve) => calls.push({ via, ...config, answer: (rows) => resolve({ rows }) }));
  const pool = {
    options: { max: 10 },
    idleCount: 10,
    totalCount: 10,
    waitingCount: 0,
    query: query('pool'),
    connect: () => Promise.resolve({ query: query('client'), release: () => undefined }),
  };
  return { pool: pool as unknown as Pool, calls };
};
const flush = () => new Promise((resolve) => setImmediate(resolve));
const row = (position: number) => [String(position), 1, '900', new Date(0), null];

describe('GroupCommit', () => {
  it('sends a lone append alone, through append_events on the pool', async () => {
    // given an idle store
    const { pool, calls } = fakePool();
    const group = new GroupCommit(pool, ctx, { maxInFlight: 1 });

    // when one append arrives
    const result = group.append(appendTo('account-a'), undefined);
    await flush();

    // then it goes at once, alone
    expect(calls.map((c) => [c.via, /append_events\(/.test(c.text)])).toEqual([['pool', true]]);
    calls[0]!.answer([row(1)]);
    await expect(result).resolves.toEqual([row(1)]);
    expect(group.stats).toEqual({ batches: 0, batchedAppends: 0 });
  });

  it('sends the appends that arrive while it is busy in one batch, each with its own outcome', async () => {
    // given one append in flight, at the cap
    const { pool, calls } = fakePool();
    const group = new GroupCommit(pool, ctx, { maxInFlight: 1 });
    const first = group.append(appendTo('account-a'), undefined);

    // when three more arrive, and the first returns
    const waiting = ['account-b', 'account-c', 'account-d'].map((s) =>
      group.append(appendTo(s), undefined),
    );
    await flush();
    expect(calls).toHaveLength(1);
    calls[0]!.answer([row(1)]);
    await first;
    await flush();

    // then they go together in one append_events_batch call on one connection
    expect(calls).toHaveLength(2);
    const batch = calls[1]!;
    expect(batch.via).toBe('client');
    expect(batch.text).toMatch(/append_events_batch\(/);
    expect(batch.values[0]).toEqual(['account-b', 'account-c', 'account-d']);
    expect(batch.values[6]).toEqual([1, 2, 3]); // each entry's first event
    batch.answer([
      [1, ...row(2), null, null, null, null],
      [2, null, null, null, null, null, 'LL001', 'wrong expected version', '4', null],
      [3, ...row(3), null, null, null, null],
    ]);
    const [b, c, d] = await Promise.allSettled(waiting);
    expect(b).toEqual({ status: 'fulfilled', value: [row(2)] });
    expect(d).toEqual({ status: 'fulfilled', value: [row(3)] });
    const error = (c as PromiseRejectedResult).reason as DatabaseError;
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error).toMatchObject({ code: 'LL001', detail: '4' });
    expect(group.stats).toEqual({ batches: 1, batchedAppends: 3 });
  });

  it('refuses a waiting append whose deadline passed before its connection came', async () => {
    // given one append in flight and one waiting with a deadline
    const { pool, calls } = fakePool();
    const group = new GroupCommit(pool, ctx, { maxInFlight: 1 });
    const first = group.append(appendTo('account-a'), undefined);
    const late = group.append(appendTo('account-b'), new Date(Date.now() + 5));
    await flush();

    // when the deadline passes before the first returns
    await new Promise((resolve) => setTimeout(resolve, 10));
    calls[0]!.answer([row(1)]);
    await first;

    // then the waiting one is refused and never sent
    await expect(late).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(calls).toHaveLength(1);
  });
});
