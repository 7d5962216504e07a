import { DeadlineExceeded, type NewEvent } from './index';
import { migratedStore, streamOf, type StoreFixture } from './store.fixture';

const deposited: NewEvent = { type: 'FundsDeposited', data: { amount: 1 } };

describe('PostgresEventStore append with a deadline', () => {
  let fx: StoreFixture;
  beforeAll(async () => {
    fx = await migratedStore();
  });
  afterAll(() => fx.drop());

  it('appends as usual while the deadline is ahead', async () => {
    const streamId = streamOf('account');

    const result = await fx.store.append(streamId, [deposited], {
      expectedVersion: 'no_stream',
      deadline: new Date(Date.now() + 5_000),
    });

    expect(result.nextVersion).toBe(1);
    expect(await fx.store.readStream(streamId)).toHaveLength(1);
  });

  it('appends nothing once the deadline has passed', async () => {
    const streamId = streamOf('account');

    await expect(
      fx.store.append(streamId, [deposited], {
        expectedVersion: 'no_stream',
        deadline: new Date(Date.now() - 1),
      }),
    ).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(await fx.store.readStream(streamId)).toEqual([]);
  });

  it('cancels an append still waiting at the deadline, and it never lands', async () => {
    const streamId = streamOf('account');
    // Another session holds the events table: the append waits on the lock.
    const blocker = await fx.pool.connect();
    await blocker.query(`BEGIN; LOCK TABLE "${fx.schema}".events IN ACCESS EXCLUSIVE MODE`);
    try {
      const started = performance.now();
      const outcome = await fx.store
        .append(streamId, [deposited], {
          expectedVersion: 'no_stream',
          deadline: new Date(Date.now() + 200),
        })
        .then(
          () => 'appended',
          (error: unknown) => error,
        );

      expect(outcome).toBeInstanceOf(DeadlineExceeded);
      expect(performance.now() - started).toBeLessThan(400);
    } finally {
      await blocker.query('ROLLBACK');
      blocker.release();
    }
    expect(await fx.store.readStream(streamId)).toEqual([]);
  });
});
