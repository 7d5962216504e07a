import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, PostgresEventStore } from '@ledgerline/event-store';
import { createLogger } from '@ledgerline/logging';
import { createKafkaMessaging, namespacedMessaging } from '@ledgerline/messaging';
import { eventually, isolatedPostgres, servers, uniqueName } from '@ledgerline/testing';
import { startRelay } from './relay';

const logger = createLogger({ service: 'relay-test', level: 'silent' });

const createdV1 = {
  paymentId: 'p-1',
  orderId: 'o-1',
  payerAccountId: 'a-1',
  payeeAccountId: 'a-2',
  currency: 'EUR',
  amount: 500,
  at: '2026-12-07T10:00:00.000Z',
};

describe('the relay under the published event contracts', () => {
  it('logs, counts and records an event that does not match its schema, and still publishes it', async () => {
    const { kafkaBrokers } = await servers();
    const pg = await isolatedPostgres('contracts');
    await migrate(pg.pool, { schema: pg.schema });
    // Version 1 for every type: this store has no upcasters.
    const store = new PostgresEventStore({ pool: pg.pool, schema: pg.schema });
    const messaging = namespacedMessaging(
      createKafkaMessaging({ brokers: kafkaBrokers, clientId: 'relay-contracts-test' }),
      `${uniqueName('ct')}.`,
    );
    // This test's own record, so the violation it provokes does not fail the file (jest setup).
    const violationsFile = join(mkdtempSync(join(tmpdir(), 'contracts-')), 'violations.ndjson');
    const setupFile = process.env['EVENT_CONTRACT_VIOLATIONS_FILE'];
    process.env['EVENT_CONTRACT_VIOLATIONS_FILE'] = violationsFile;
    const relay = await startRelay({
      store,
      pool: pg.pool,
      categories: ['payment', 'scratch'],
      messaging,
      logger,
      source: 'ledgerline/payments',
      pollIntervalMs: 20,
    }).finally(() => (process.env['EVENT_CONTRACT_VIOLATIONS_FILE'] = setupFile));
    try {
      await store.append('payment-ok', [{ type: 'PaymentCreated', data: createdV1 }], {
        expectedVersion: 'no_stream',
      });
      const bad = await store.append(
        'payment-bad',
        [{ type: 'PaymentCreated', data: { ...createdV1, amount: '500' } }],
        { expectedVersion: 'no_stream' },
      );
      // A category with no published schema is not checked.
      await store.append('scratch-1', [{ type: 'Anything', data: { n: 1 } }], {
        expectedVersion: 'no_stream',
      });
      await eventually(() => expect(relay.status().published).toBe(3));
      expect(relay.status().contractViolations).toBe(1);
      const recorded = readFileSync(violationsFile, 'utf8').trim().split('\n');
      expect(recorded.map((line) => JSON.parse(line) as unknown)).toEqual([
        {
          eventId: bad.events[0]?.eventId,
          type: 'PaymentCreated',
          streamId: 'payment-bad',
          schemaVersion: 1,
          problems: ['payment/PaymentCreated.v1.json: /amount must be number'],
        },
      ]);
    } finally {
      await relay.stop();
      const admin = await messaging.admin();
      await admin
        .deleteTopics(['ledgerline.payment.events', 'ledgerline.scratch.events'])
        .catch(() => undefined);
      await admin.close();
      await pg.drop();
    }
  });
});
