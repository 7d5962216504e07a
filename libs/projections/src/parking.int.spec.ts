import { createLogger } from '@ledgerline/logging';
import { type IncomingMessage } from '@ledgerline/messaging';
import { eventually, isolatedPostgres, uniqueName } from '@ledgerline/testing';
import { balancesProjection, expectedBalances, readBalances } from './fixtures/balances';
import { deposits, recorded, testTopic } from './fixtures/events';
import { deadLetterTopic } from './projection';
import { startProjector } from './projector';

const logger = createLogger({ service: 'projections-test', level: 'error' });

describe('poison events', () => {
  it('park their stream behind them, go to the DLQ, let other streams flow, and redrive in order', async () => {
    const pg = await isolatedPostgres('parking');
    const t = await testTopic(2);
    const table = `"${pg.schema}".balances`;
    const name = uniqueName('balances');
    let fixed = false;
    const projection = balancesProjection({
      name,
      topics: [t.topic],
      table,
      onUnknownType: 'park',
      fails: (event) => !fixed && event.streamId === 'acct-s1' && event.streamVersion === 3,
    });
    const projector = await startProjector({
      projection,
      messaging: t.messaging,
      pool: pg.pool,
      schema: pg.schema,
      logger,
      retry: { attempts: 3, baseDelayMs: 5 },
      consumer: { sessionTimeoutMs: 6_000 },
      deadLetterSweepMs: 300,
    });
    const dlq = await t.messaging.consumer({
      groupId: uniqueName('dlq-reader'),
      topics: [deadLetterTopic(name)],
      sessionTimeoutMs: 6_000,
    });
    const dead: IncomingMessage[] = [];
    void dlq.run((batch) => {
      dead.push(...batch.messages);
      return Promise.resolve();
    });
    try {
      const events = deposits('acct', 3, 6).map(recorded);
      const s1 = events.filter((e) => e.streamId === 'acct-s1');
      await t.publish(events);
      // A message that is not a CloudEvent at all, keyed by a stream of its own.
      await t.send([{ key: 'acct-bad', value: '{not json', headers: { ce_type: 'Deposited' } }]);
      // An event type nobody handles, on a third stream.
      await t.publish([{ streamId: 'acct-s2', version: 7, type: 'Frozen', data: {} }]);

      const others = events.filter((e) => e.streamId !== 'acct-s1');
      const s1Before = s1.filter((e) => e.streamVersion < 3);
      const fold = (list: typeof events) =>
        expectedBalances(
          list.map((e) => ({ streamId: e.streamId, version: e.streamVersion, data: e.data })),
        );
      await eventually(async () =>
        expect(await readBalances(pg.pool, table)).toEqual(fold([...others, ...s1Before])),
      );

      const parked = await eventually(async () => {
        const rows = await projector.listParked();
        expect(rows).toHaveLength(6); // s1 v3 poison + v4..v6 behind it, the malformed one, Frozen
        return rows;
      });
      const s1Parked = parked.filter((r) => r.streamId === 'acct-s1');
      expect(s1Parked.map((r) => [r.version, r.status])).toEqual([
        [3, 'parked'],
        [4, 'waiting'],
        [5, 'waiting'],
        [6, 'waiting'],
      ]);
      expect(s1Parked[0]!.error).toMatch(/cannot apply acct-s1@3/);
      expect(s1Parked[0]!.attempts).toBe(3);
      expect(parked.find((r) => r.streamId === 'acct-bad')?.error).toMatch(/MalformedEventMessage/);
      expect(parked.find((r) => r.type === 'Frozen')?.error).toMatch(
        /no handler for event type Frozen/,
      );

      await eventually(() => expect(dead).toHaveLength(6));
      const deadS1v3 = dead.find(
        (m) => m.headers['ce_subject'] === 'acct-s1' && m.headers['ce_streamversion'] === '3',
      )!;
      expect(deadS1v3.headers).toMatchObject({
        dlq_status: 'parked',
        dlq_error: expect.stringMatching(/cannot apply acct-s1@3/) as unknown,
        ce_id: s1[2]!.eventId,
        ce_correlationid: 'corr-acct-s1',
        ce_type: 'Deposited',
      });
      expect(deadS1v3.value?.toString()).toBe(JSON.stringify(s1[2]!.data));
      // The messages went out after the parking committed, and each row says so.
      const unsent = async () =>
        (
          await pg.pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM "${pg.schema}".projection_parked
              WHERE dead_lettered_at IS NULL`,
          )
        ).rows[0]!.n;
      await eventually(async () => expect(await unsent()).toBe(0));
      // A send that failed after the commit (Kafka away) leaves the row unmarked: the sweep
      // sends it once the broker answers.
      await pg.pool.query(
        `UPDATE "${pg.schema}".projection_parked SET dead_lettered_at = NULL
          WHERE stream_id = 'acct-bad'`,
      );
      await eventually(() => expect(dead).toHaveLength(7));
      expect(dead[6]!.key).toBe('acct-bad');
      await eventually(async () => expect(await unsent()).toBe(0));

      // Later events of the blocked stream keep waiting, even when they arrive later.
      await t.publish([
        { streamId: 'acct-s1', version: 7, type: 'Deposited', data: { amount: 100 } },
      ]);
      await eventually(async () => expect(await projector.listParked('acct-s1')).toHaveLength(5));

      // Redrive before the fix: it fails again, stays parked with the new error, nothing applied.
      const again = await projector.redrive('acct-s1');
      expect(again).toMatchObject({ redriven: 0, stillParked: 5 });
      expect((await projector.listParked('acct-s1'))[0]).toMatchObject({
        status: 'parked',
        attempts: 4,
      });

      fixed = true;
      const result = await projector.redrive('acct-s1');
      expect(result).toEqual({ redriven: 5, stillParked: 0, failures: [] });
      const s1Rows = (await readBalances(pg.pool, table)).find((r) => r.stream_id === 'acct-s1');
      expect(s1Rows).toMatchObject({ events: 7, last_version: 7 }); // applied in order, once
      expect(await projector.listParked('acct-s1')).toEqual([]);

      // The stream is unblocked: its next event applies directly.
      await t.publish([
        { streamId: 'acct-s1', version: 8, type: 'Deposited', data: { amount: 1 } },
      ]);
      await eventually(async () =>
        expect(
          (await readBalances(pg.pool, table)).find((r) => r.stream_id === 'acct-s1')?.last_version,
        ).toBe(8),
      );
      // The malformed message cannot be fixed by code: it stays parked.
      const rest = await projector.redrive();
      expect(rest.failures.map((f) => f.streamId).sort()).toEqual(['acct-bad', 'acct-s2']);
      expect((await projector.status()).parked).toBe(2);
    } finally {
      await dlq.close();
      await projector.stop();
      await t.close();
      await pg.drop();
    }
  });
});
