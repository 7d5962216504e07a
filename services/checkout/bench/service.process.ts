// A command service as its own process for the checkout benchmark, on the benchmark's schema and
// prefixed topics: BENCH_SERVICE (accounts | payments | orders), BENCH_SCHEMA, KAFKA_TOPIC_PREFIX,
// plus GRPC_PORT and the usual env. Its relay runs in the same process, as in production.
import { loadCommandServiceConfig, startCommandService } from '@ledgerline/command-service';
import { createLogger } from '@ledgerline/logging';
import { createKafkaMessaging, namespacedMessaging } from '@ledgerline/messaging';
import { startRelay } from '@ledgerline/relay';
import { Pool } from 'pg';
// The benchmark runs the real command services next to the checkout.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { accountsService } from '../../accounts/src/service';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createOrdersService } from '../../orders/src/service';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createPaymentsService } from '../../payments/src/service';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`service.process: ${name} is required`);
  return value;
};

const main = async () => {
  const schema = required('BENCH_SCHEMA');
  const name = required('BENCH_SERVICE');
  const definition =
    name === 'accounts'
      ? accountsService({ schema })
      : name === 'payments'
        ? createPaymentsService({ schema })
        : createOrdersService({ schema });
  const config = loadCommandServiceConfig({ ...process.env, RELAY_ENABLED: 'false' });
  const service = await startCommandService(definition, config);
  const logger = createLogger({ service: name, level: config.LOG_LEVEL });
  await startRelay({
    store: service.store,
    pool: new Pool({ connectionString: config.POSTGRES_URL, max: 4 }),
    categories: definition.categories,
    messaging: namespacedMessaging(
      createKafkaMessaging({ brokers: config.KAFKA_BROKERS, clientId: `${name}-relay` }),
      required('KAFKA_TOPIC_PREFIX'),
    ),
    logger,
    source: `ledgerline/${name}`,
  });
  process.stdout.write(`bench service ${name} on port ${service.port}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`service.process: ${String(error)}\n`);
  process.exit(1);
});
