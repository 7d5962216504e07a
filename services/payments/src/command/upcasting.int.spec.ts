import { randomUUID } from 'node:crypto';
import { PAYMENT_STREAM_CATEGORY, paymentStreamId } from '@ledgerline/payments-domain';
import { servers } from '@ledgerline/testing';
import { deduplicate, readCategory } from '@ledgerline/testing-kafka';
import { Pool } from 'pg';
import { startPaymentsUnderTest } from '../fixtures/payments-under-test';

let payments: Awaited<ReturnType<typeof startPaymentsUnderTest>>;
let pool: Pool;

beforeAll(async () => {
  payments = await startPaymentsUnderTest();
  pool = new Pool({ connectionString: (await servers()).postgresUrl, max: 2 });
});
afterAll(async () => {
  await pool?.end();
  await payments?.stop();
});

/** A PaymentCreated row as the code before schema v2 wrote it: version 1, no `ownerId` at all. */
const insertV1Created = async (paymentId: string) => {
  const streamId = paymentStreamId(paymentId);
  const data = {
    paymentId,
    orderId: randomUUID(),
    payerAccountId: randomUUID(),
    payeeAccountId: randomUUID(),
    amount: 5000,
    currency: 'EUR',
    at: '2026-11-01T09:00:00.000Z',
  };
  const s = `"${payments.schema}"`;
  await pool.query(`INSERT INTO ${s}.streams (stream_id, category, version) VALUES ($1, $2, 1)`, [
    streamId,
    PAYMENT_STREAM_CATEGORY,
  ]);
  await pool.query(
    `INSERT INTO ${s}.events
       (stream_id, stream_category, stream_version, event_id, event_type, schema_version, data, metadata)
     VALUES ($1, $2, 1, $3, 'PaymentCreated', 1, $4, '{}')`,
    [streamId, PAYMENT_STREAM_CATEGORY, randomUUID(), JSON.stringify(data)],
  );
  return { streamId, data };
};

describe('a stream written before PaymentCreated v2', () => {
  it('reads as v2 (ownerId null), folds for the next command and is published as v2', async () => {
    const paymentId = randomUUID();
    const { streamId, data } = await insertV1Created(paymentId);

    const [created] = await payments.stream(paymentId);
    expect(created).toMatchObject({
      type: 'PaymentCreated',
      schemaVersion: 2,
      data: { ...data, ownerId: null },
    });

    // The decider folds the upcast event: the payment exists and may be authorized.
    const reservationId = randomUUID();
    await payments.client.authorizePayment({ paymentId, reservationId });
    expect((await payments.stream(paymentId)).map((event) => event.type)).toEqual([
      'PaymentCreated',
      'PaymentAuthorized',
    ]);

    // Consumers only ever meet the current version (the jest setup checks it against v2's schema).
    const reader = await readCategory(PAYMENT_STREAM_CATEGORY, [streamId], {
      namespace: payments.namespace,
    });
    try {
      const published = deduplicate(await reader.waitForDistinct(2));
      expect(published[0]).toMatchObject({
        type: 'PaymentCreated',
        schemaVersion: 2,
        data: { ...data, ownerId: null },
      });
      expect(published[1]).toMatchObject({ type: 'PaymentAuthorized', data: { reservationId } });
    } finally {
      await reader.close();
    }
  });
});
