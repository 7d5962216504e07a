import { type Queryable } from '@ledgerline/projections';
import { isolatedPostgres, uniqueName } from '@ledgerline/testing';
import { paymentsScenario } from '../fixtures/payments';
import { postgresView, viewHarness, withHarness } from '@ledgerline/testing-projections';
import { type PaymentsTables, paymentsProjection } from './projection';
import { getPayment, listPayments, type ListPaymentsQuery, type PaymentView } from './queries';

const tablesIn = (schema: string): PaymentsTables => ({ payments: `${schema}.payments_v1` });

const paymentsView = () =>
  viewHarness('payments_view', (topic, schema) => [
    postgresView(
      paymentsProjection({
        name: uniqueName('payments'),
        topics: [topic],
        tables: tablesIn(schema),
      }),
    ),
  ]);

describe('the payments view', () => {
  it('holds each payment with its status, amounts, failure reason and step times', () =>
    withHarness(paymentsView(), async (views) => {
      const scenario = paymentsScenario();
      await views.publish(scenario.events);
      const tables = tablesIn(views.schema);
      const { partiallyRefunded, failedAuthorized, refunded, created } = scenario.payments;

      expect(await getPayment(views.pool, tables, partiallyRefunded.paymentId)).toMatchObject({
        payerAccountId: scenario.payer.p1,
        payeeAccountId: scenario.merchant.m2,
        amount: 700,
        currency: 'USD',
        status: 'partially_refunded',
        capturedAmount: 700,
        refundedAmount: 200,
        failureReason: null,
        createdAt: '2025-03-01T12:00:00.000Z',
        authorizedAt: '2025-03-01T12:01:00.000Z',
        capturedAt: '2025-03-01T12:02:00.000Z',
        refundedAt: '2025-03-02T09:00:00.000Z',
        failedAt: null,
        updatedAt: '2025-03-02T09:00:00.000Z',
        streamVersion: 4,
      });
      const failed = await getPayment(views.pool, tables, failedAuthorized.paymentId);
      expect(failed).toMatchObject({
        status: 'failed',
        failureReason: 'account-frozen',
        capturedAmount: 0,
        failedAt: '2025-03-02T14:02:00.000Z',
        streamVersion: 3,
      });
      expect(failed?.reservationId).toEqual(expect.any(String));
      expect(await getPayment(views.pool, tables, refunded.paymentId)).toMatchObject({
        status: 'refunded',
        refundedAmount: 4_000,
      });
      expect(await getPayment(views.pool, tables, created.paymentId)).toMatchObject({
        status: 'created',
        authorizedAt: null,
        streamVersion: 1,
      });
      expect(await getPayment(views.pool, tables, 'no-such-payment')).toBeUndefined();
    }));

  it('filters by payer, payee, status and creation time, and pages by keyset', () =>
    withHarness(paymentsView(), async (views) => {
      const { payments: p, payer, merchant, events } = paymentsScenario();
      await views.publish(events);
      const tables = tablesIn(views.schema);
      const all = async (query: Omit<ListPaymentsQuery, 'limit' | 'after'>, limit = 100) => {
        const pages: PaymentView[][] = [];
        let after: ListPaymentsQuery['after'];
        do {
          const page = await listPayments(views.pool, tables, { ...query, limit, after });
          pages.push([...page.payments]);
          after = page.next ?? undefined;
        } while (after);
        return pages;
      };
      const ids = async (query: Omit<ListPaymentsQuery, 'limit' | 'after'>) =>
        (await all(query)).flat().map((payment) => payment.paymentId);

      expect(await ids({ payerAccountId: payer.p1 })).toEqual(
        [p.captured1, p.partiallyRefunded, p.failedAuthorized, p.authorized].map(
          (x) => x.paymentId,
        ),
      );
      expect(await ids({ payeeAccountId: merchant.m2 })).toEqual(
        [p.partiallyRefunded, p.failedEarly, p.failedLate, p.authorized].map((x) => x.paymentId),
      );
      expect(await ids({ status: 'failed' })).toEqual(
        [p.failedEarly, p.failedAuthorized, p.failedLate].map((x) => x.paymentId),
      );
      expect(await ids({ status: 'partially_refunded' })).toEqual([p.partiallyRefunded.paymentId]);
      // `from` inclusive, `to` exclusive: exactly 2 March.
      expect(
        await ids({ from: '2025-03-02T00:00:00.000Z', to: '2025-03-03T00:00:00.000Z' }),
      ).toEqual([p.refunded, p.failedEarly, p.failedAuthorized].map((x) => x.paymentId));
      expect(
        await ids({
          payerAccountId: payer.p1,
          payeeAccountId: merchant.m1,
          from: '2025-03-01T10:00:00.000Z',
        }),
      ).toEqual([p.captured1, p.failedAuthorized].map((x) => x.paymentId));
      expect(await ids({ payerAccountId: payer.p2, status: 'authorized' })).toEqual([]);

      // Pages of three: every payment once, in creation order, the last page short.
      const pages = await all({}, 3);
      expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 1]);
      const everyId = pages.flat().map((payment) => payment.paymentId);
      expect(new Set(everyId).size).toBe(10);
      const createdAts = pages.flat().map((payment) => payment.createdAt);
      expect(createdAts).toEqual([...createdAts].sort());
      // Exactly full last page: no empty page after it.
      expect((await all({ status: 'failed' }, 3)).map((page) => page.length)).toEqual([3]);
    }));

  it("lists only one customer's payments, owner_id null where the creation named none", () =>
    withHarness(paymentsView(), async (views) => {
      const { payments: p, owner, events } = paymentsScenario();
      await views.publish(events);
      const tables = tablesIn(views.schema);
      const own = await listPayments(views.pool, tables, { ownerId: owner.p1, limit: 10 });
      expect(own.payments.map((x) => x.paymentId)).toEqual(
        [p.captured1, p.partiallyRefunded, p.failedAuthorized].map((x) => x.paymentId),
      );
      expect(own.payments.every((x) => x.ownerId === owner.p1)).toBe(true);
      // Another filter narrows within the owner's, never beyond them.
      const failed = await listPayments(views.pool, tables, {
        ownerId: owner.p1,
        status: 'failed',
        limit: 10,
      });
      expect(failed.payments.map((x) => x.paymentId)).toEqual([p.failedAuthorized.paymentId]);
      expect((await getPayment(views.pool, tables, p.authorized.paymentId))?.ownerId).toBeNull();
    }));

  it('changes nothing when every event is delivered again, with or without checkpoints', () =>
    withHarness(paymentsView(), async (views) => {
      const scenario = paymentsScenario();
      await views.publish(scenario.events);
      const snapshot = async () =>
        (await views.pool.query(`SELECT * FROM ${views.schema}.payments_v1 ORDER BY payment_id`))
          .rows as unknown[];
      const before = await snapshot();
      expect(before).toHaveLength(10);

      await views.republish();
      const [projector] = views.projectors();
      expect((await projector!.status()).totals).toMatchObject({
        applied: scenario.events.length,
        duplicates: scenario.events.length,
      });
      expect(await snapshot()).toEqual(before);

      // The first half again through handlers that have lost their checkpoints: rows keep their
      // newer state because their stream versions only move forward.
      const early = scenario.events.slice(0, 14);
      await views.replayWithLostState(early);
      expect((await views.projectors()[0]!.status()).totals.applied).toBe(early.length);
      expect(await snapshot()).toEqual(before);
    }));

  it('serves every filter from an index already in keyset order (no sort)', async () => {
    const pg = await isolatedPostgres('payments_plans');
    const tables = tablesIn(pg.schema);
    const client = await pg.pool.connect();
    try {
      await client.query('BEGIN');
      await paymentsProjection({ tables }).migrate!(client, tables);
      await client.query('SET LOCAL enable_seqscan = off');
      const plan = async (query: Omit<ListPaymentsQuery, 'limit'>) => {
        let text = '';
        // The real query, explained by the real planner instead of run.
        const explaining = {
          query: async (sql: string, values: unknown[]) => {
            const result = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, values);
            text = result.rows.map((row) => row['QUERY PLAN']).join('\n');
            return { rows: [] };
          },
        } as unknown as Queryable;
        await listPayments(explaining, tables, { ...query, limit: 20 });
        return text;
      };
      const after = { createdAt: '2025-03-01T00:00:00.000Z', paymentId: 'x' };
      const cases: [Omit<ListPaymentsQuery, 'limit'>, string][] = [
        [{ payerAccountId: 'a', after }, 'payments_v1_payer'],
        [{ payeeAccountId: 'b', from: '2025-03-01T00:00:00Z' }, 'payments_v1_payee'],
        [{ status: 'failed', after }, 'payments_v1_status'],
        [{ from: '2025-03-01T00:00:00Z', to: '2025-03-02T00:00:00Z' }, 'payments_v1_created'],
        [{ after }, 'payments_v1_created'],
        [{ ownerId: 'c', after }, 'payments_v1_owner'],
      ];
      for (const [query, index] of cases) {
        const text = await plan(query);
        expect(text).toContain(index);
        expect(text).not.toMatch(/Sort/);
      }
    } finally {
      await client.query('ROLLBACK');
      client.release();
      await pg.drop();
    }
  });
});
