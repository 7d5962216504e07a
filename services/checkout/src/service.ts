import { createAccountsClient } from '@ledgerline/accounts-client';
import { categoryTopicSpec } from '@ledgerline/cloud-events';
import { ConfigError } from '@ledgerline/config';
import { describeStartupFailure, reportingAssignment } from '@ledgerline/command-service';
import { openPostgresPool, watchPostgres } from '@ledgerline/event-store';
import {
  installShutdownHooks,
  Readiness,
  serverSecurityFrom,
  startGrpcServer,
  workloadClientAuth,
} from '@ledgerline/grpc';
import { createLogger } from '@ledgerline/logging';
import { createKafkaMessaging, namespacedMessaging } from '@ledgerline/messaging';
import { createOrdersClient } from '@ledgerline/orders-client';
import { ORDER_STREAM_CATEGORY } from '@ledgerline/orders-domain';
import { createPaymentsClient } from '@ledgerline/payments-client';
import {
  combinedKeyring,
  kekFromConfig,
  openingMessaging,
  postgresKeyring,
} from '@ledgerline/privacy';
import {
  registerSagaMetrics,
  sagaAdminService,
  type SagaFaultHooks,
  sagaOperator,
  type SagaOperator,
  startSagaRuntime,
} from '@ledgerline/sagas';
import { startServiceMetrics } from '@ledgerline/telemetry';
import { checkoutSaga } from './checkout-saga';
import { type CheckoutConfig, loadCheckoutConfig } from './config';
import { dispatchCheckoutCommand, serviceOf } from './dispatch';

export interface RunningCheckoutService {
  readonly port: number;
  readonly operator: SagaOperator;
  stop(): Promise<void>;
}

/**
 * The checkout service's composition root: the saga runtime over the order topic, the typed
 * clients of the three command services it drives, and the SagaAdminService (plus health and
 * reflection) on its gRPC port.
 */
export const startCheckoutService = async (
  config: CheckoutConfig = loadCheckoutConfig(),
  options: { faults?: SagaFaultHooks } = {},
): Promise<RunningCheckoutService> => {
  const logger = createLogger({ service: 'checkout', level: config.LOG_LEVEL });
  const metrics = await startServiceMetrics('checkout', config);
  const pool = await openPostgresPool(config, { applicationName: 'checkout', logger });
  // Serving needs PostgreSQL; the whole server ('') also the saga's consumer assigned.
  const readiness = new Readiness(logger);
  const postgresWatch = watchPostgres(pool, readiness.condition('postgres'));
  const sagaConsumer = readiness.condition('ledgerline.saga.checkout', { component: true });
  // The runtime retries every transient failure itself, with backoff, so the clients do not; a
  // channel to a service that was down reconnects within 2 s of its return (grpc-js waits up to
  // 120 s by default).
  // The saga calls as the checkout workload (its certificate), never with a caller's token.
  const clientOptions = {
    auth: workloadClientAuth(config, 'checkout'),
    retries: 0,
    deadlineMs: config.COMMAND_DEADLINE_MS,
    channelOptions: { 'grpc.max_reconnect_backoff_ms': 2_000 },
  };
  const clients = {
    accounts: createAccountsClient(config.ACCOUNTS_ADDRESS, clientOptions),
    payments: createPaymentsClient(config.PAYMENTS_ADDRESS, clientOptions),
    orders: createOrdersClient(config.ORDERS_ADDRESS, clientOptions),
  };
  const closeClients = () => Object.values(clients).forEach((client) => client.close());
  // With relays publishing ciphertext the saga opens personal fields like a projector does, so
  // what it copies into commands (a failure reason) is text, not another key's ciphertext.
  const kek = await kekFromConfig(config);
  const messaging = openingMessaging(
    namespacedMessaging(
      createKafkaMessaging({ brokers: config.KAFKA_BROKERS, clientId: 'checkout-saga', logger }),
      config.KAFKA_TOPIC_PREFIX,
    ),
    combinedKeyring(
      config.PRIVACY_SOURCE_SCHEMAS.split(',')
        .map((schema) => schema.trim())
        .filter(Boolean)
        .map((schema) =>
          postgresKeyring({ pool, schema, kek, cacheTtlMs: config.PRIVACY_KEY_CACHE_MS }),
        ),
    ),
  );
  try {
    // The orders relay creates the topic too; whichever starts first, the consumer finds it.
    const admin = await messaging.admin();
    await admin
      .ensureTopics([categoryTopicSpec(ORDER_STREAM_CATEGORY)])
      .finally(() => admin.close());
    const runtime = await startSagaRuntime({
      definition: checkoutSaga({ paymentTimeoutMs: config.CHECKOUT_PAYMENT_TIMEOUT_MS }),
      pool,
      schema: config.SAGA_SCHEMA,
      messaging: reportingAssignment(messaging, sagaConsumer),
      logger,
      dispatch: dispatchCheckoutCommand(clients, config.COMMAND_DEADLINE_MS, {
        // Counted from when accounts receives it, after the saga started: so it ends after the
        // payment deadline, by at least the grace.
        reservationTtlMs: config.CHECKOUT_PAYMENT_TIMEOUT_MS + config.CHECKOUT_RESERVATION_GRACE_MS,
      }),
      groupId: config.SAGA_CONSUMER_GROUP,
      consumer: { fromBeginning: config.SAGA_CONSUMER_FROM_BEGINNING, sessionTimeoutMs: 10_000 },
      pollIntervalMs: config.SAGA_POLL_INTERVAL_MS,
      claimMs: config.SAGA_CLAIM_MS,
      commandDeadlineMs: config.COMMAND_DEADLINE_MS,
      retry: {
        baseDelayMs: config.SAGA_RETRY_BASE_MS,
        maxDelayMs: config.SAGA_RETRY_MAX_MS,
        compensationAttempts: config.SAGA_COMPENSATION_ATTEMPTS,
      },
      flow: {
        laneOf: serviceOf,
        commandsInFlightPerLane: config.SAGA_COMMANDS_IN_FLIGHT,
        maxActiveSagas: config.SAGA_MAX_ACTIVE,
      },
      ...(options.faults && { faults: options.faults }),
    });
    const operator = sagaOperator({ pool, schema: config.SAGA_SCHEMA });
    const unregisterMetrics = registerSagaMetrics(operator);
    await postgresWatch.first;
    const server = await startGrpcServer({
      ...serverSecurityFrom(config, 'checkout', config),
      readiness,
      host: config.GRPC_HOST,
      port: config.GRPC_PORT,
      services: [sagaAdminService(operator, logger)],
      logger,
    });
    let stopped: Promise<void> | undefined;
    return {
      port: server.port,
      operator,
      stop: () =>
        (stopped ??= (async () => {
          await server.shutdown();
          postgresWatch.stop();
          unregisterMetrics();
          await runtime.stop();
          closeClients();
          await pool.end();
          await metrics?.stop();
        })()),
    };
  } catch (error) {
    postgresWatch.stop();
    closeClients();
    await pool.end().catch(() => undefined);
    await metrics?.stop();
    throw error;
  }
};

/** main.ts: start, stop gracefully on SIGTERM/SIGINT, and report a start-up failure in one line. */
export const runCheckoutService = (options: { faults?: SagaFaultHooks } = {}): void => {
  let config: CheckoutConfig;
  try {
    config = loadCheckoutConfig();
  } catch (error) {
    process.stderr.write(
      `checkout: ${error instanceof ConfigError ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
  startCheckoutService(config, options).then(
    (running) =>
      installShutdownHooks(
        { shutdown: () => running.stop() },
        createLogger({ service: 'checkout' }),
      ),
    (error: unknown) => {
      process.stderr.write(`checkout: ${describeStartupFailure(error)}\n`);
      process.exit(1);
    },
  );
};
