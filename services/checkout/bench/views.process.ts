// The balances, payments and orders read models of the checkout benchmark as their own process
// (as the query services run them): BENCH_READ_SCHEMA, BENCH_NAME, KAFKA_TOPIC_PREFIX.
import { accountBalancesProjection } from '@ledgerline/accounts-views';
import { createLogger } from '@ledgerline/logging';
import { createKafkaMessaging, namespacedMessaging } from '@ledgerline/messaging';
import { ordersProjection } from '@ledgerline/orders-views';
import { paymentsProjection } from '@ledgerline/payments-views';
import { type PostgresProjection, startProjector, type TableNames } from '@ledgerline/projections';
import { Pool } from 'pg';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`views.process: ${name} is required`);
  return value;
};

const main = async () => {
  const schema = required('BENCH_READ_SCHEMA');
  const name = required('BENCH_NAME');
  const pool = new Pool({ connectionString: required('POSTGRES_URL'), max: 6 });
  const messaging = namespacedMessaging(
    createKafkaMessaging({
      brokers: required('KAFKA_BROKERS').split(','),
      clientId: 'bench-views',
    }),
    required('KAFKA_TOPIC_PREFIX'),
  );
  const logger = createLogger({ service: 'bench-views', level: 'warn' });
  const project = <Tables extends TableNames>(projection: PostgresProjection<Tables>) =>
    startProjector({ projection, pool, schema, messaging, logger, lagIntervalMs: 60_000 });
  const views = (process.env['BENCH_VIEWS'] ?? 'balances,payments,orders').split(',');
  if (views.includes('balances'))
    await project(
      accountBalancesProjection({
        tables: { balances: `${schema}.balances` },
        name: `${name}.balances`,
      }),
    );
  if (views.includes('payments'))
    await project(
      paymentsProjection({ tables: { payments: `${schema}.payments` }, name: `${name}.payments` }),
    );
  await project(
    ordersProjection({
      tables: { orders: `${schema}.orders`, orderLines: `${schema}.order_lines` },
      name: `${name}.orders`,
    }),
  );
  process.stdout.write(`bench views started: ${views.join(', ')}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`views.process: ${String(error)}\n`);
  process.exit(1);
});
