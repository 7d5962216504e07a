import { ConfigError } from '@ledgerline/config';
import {
  migrate,
  MIGRATIONS,
  type Migration,
  openPostgresPool,
  PostgresEventStore,
  type Upcasters,
  watchPostgres,
} from '@ledgerline/event-store';
import {
  installShutdownHooks,
  Readiness,
  serverSecurityFrom,
  type ServiceBinding,
  startGrpcServer,
} from '@ledgerline/grpc';
import { createLogger, type Logger } from '@ledgerline/logging';
import { type PrivacyCatalog } from '@ledgerline/domain';
import { createKafkaMessaging, namespacedMessaging } from '@ledgerline/messaging';
import { eventCodecFromConfig, forgetInContext, kekFromConfig } from '@ledgerline/privacy';
import { registerRelayMetrics, type Relay, startRelay } from '@ledgerline/relay';
import { startServiceMetrics } from '@ledgerline/telemetry';
import { type Pool } from 'pg';
import { type CommandServiceConfig, loadCommandServiceConfig } from './config';
import { adminService } from './admin-service';
import { type IdempotencyPruner, startIdempotencyPruner } from './idempotency-pruner';
import { limitCommandQueues } from './run-command';
import { describeStartupFailure } from './startup-failure';

export interface CommandServiceDefinition {
  /** Service name, used in logs, the CloudEvents source and the relay's name. */
  readonly name: string;
  /** The event store schema this context owns. */
  readonly schema: string;
  /** Stream categories whose events the relay publishes. */
  readonly categories: readonly string[];
  readonly upcasters?: Upcasters;
  /** Which fields of the context's event types are personal (sealed at append, docs/adr/0027). */
  readonly privacy?: PrivacyCatalog;
  /** The context's own schema changes, applied after the event store's (versions from 1000). */
  readonly migrations?: readonly Migration[];
  readonly services: (context: {
    store: PostgresEventStore;
    logger: Logger;
  }) => readonly ServiceBinding[];
  /**
   * The context's background work (e.g. releasing what expired), started once the server
   * listens and stopped before the pool closes. It shares the process's pool.
   */
  readonly workers?: (context: {
    store: PostgresEventStore;
    pool: Pool;
    logger: Logger;
  }) => readonly BackgroundWorker[];
}

/** Background work a command service runs beside its gRPC server. */
export interface BackgroundWorker {
  /** Finishes the round in progress, if any, and starts no other. */
  stop(): Promise<void>;
}

export interface RunningCommandService {
  readonly port: number;
  readonly store: PostgresEventStore;
  readonly relay: Relay | undefined;
  readonly pruner: IdempotencyPruner;
  /** The process's one PostgreSQL pool (the relay's dedicated connections come from it too). */
  readonly pool: Pool;
  /** What `definition.workers` started. */
  readonly workers: readonly BackgroundWorker[];
  stop(): Promise<void>;
}

/**
 * The composition root every command service shares: config, logger, metrics, pool, migrations,
 * event store, outbox relay and the gRPC server (with health and reflection). A service supplies
 * its schema, categories and gRPC handlers.
 */
export const startCommandService = async (
  definition: CommandServiceDefinition,
  config: CommandServiceConfig = loadCommandServiceConfig(),
): Promise<RunningCommandService> => {
  const logger = createLogger({ service: definition.name, level: config.LOG_LEVEL });
  const metrics = await startServiceMetrics(definition.name, config);
  const pool = await openPostgresPool(config, { applicationName: definition.name, logger });
  await migrate(pool, {
    schema: definition.schema,
    migrations: [...MIGRATIONS, ...(definition.migrations ?? [])],
  });
  const storeOptions = {
    pool,
    schema: definition.schema,
    ...(definition.upcasters && { upcasters: definition.upcasters }),
  };
  const codec = await eventCodecFromConfig(config, {
    pool,
    schema: definition.schema,
    ...(definition.privacy && { catalog: definition.privacy }),
  });
  const store = new PostgresEventStore({
    ...storeOptions,
    codec,
    groupCommit: config.EVENT_STORE_GROUP_COMMIT && {
      ...(config.EVENT_STORE_GROUP_COMMIT_IN_FLIGHT > 0 && {
        maxInFlight: config.EVENT_STORE_GROUP_COMMIT_IN_FLIGHT,
      }),
    },
  });
  // With ciphertext (the default) the relay reads events as stored: Kafka then carries sealed
  // personal fields with their key ids, which nothing opens once the subject is forgotten.
  const relayStore =
    config.RELAY_PERSONAL_DATA === 'ciphertext' ? new PostgresEventStore(storeOptions) : store;
  limitCommandQueues(store, config.COMMAND_QUEUE_PER_STREAM);
  const relay = config.RELAY_ENABLED
    ? await startRelay({
        store: relayStore,
        pool,
        categories: definition.categories,
        messaging: namespacedMessaging(
          createKafkaMessaging({
            brokers: config.KAFKA_BROKERS,
            clientId: `${definition.name}-relay`,
            logger,
          }),
          config.KAFKA_TOPIC_PREFIX,
        ),
        logger,
        source: `ledgerline/${definition.name}`,
      })
    : undefined;
  // Commands need PostgreSQL only: the relay catches up with Kafka on its own.
  const readiness = new Readiness(logger);
  const postgresWatch = watchPostgres(pool, readiness.condition('postgres'));
  await postgresWatch.first;
  const server = await startGrpcServer({
    ...serverSecurityFrom(config, definition.name, config),
    readiness,
    host: config.GRPC_HOST,
    port: config.GRPC_PORT,
    services: [
      ...definition.services({ store, logger }),
      adminService(relay, logger, async (subject, actor) =>
        forgetInContext(
          { pool, schema: definition.schema, kek: await kekFromConfig(config) },
          subject,
          {
            ...(actor !== undefined && { actor }),
          },
        ),
      ),
    ],
    logger,
    maxReceiveMessageLength: config.GRPC_MAX_MESSAGE_BYTES,
  });
  const unregisterMetrics = relay ? registerRelayMetrics(relay) : undefined;
  const pruner = startIdempotencyPruner({
    store,
    logger,
    retentionHours: config.IDEMPOTENCY_RETENTION_HOURS,
    sagaRetentionHours: config.IDEMPOTENCY_SAGA_RETENTION_HOURS,
  });
  const workers = definition.workers?.({ store, pool, logger }) ?? [];
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      await server.shutdown();
      await Promise.all(workers.map((worker) => worker.stop()));
      await pruner.stop();
      postgresWatch.stop();
      unregisterMetrics?.();
      await relay?.stop();
      await pool.end();
      await metrics?.stop();
    })();
    return stopped;
  };
  return { port: server.port, store, relay, pruner, pool, workers, stop };
};

/**
 * Entry point for a service's main.ts: starts it, stops it gracefully on SIGTERM/SIGINT, and
 * turns a start-up failure (bad setting, server down) into one line naming the cause.
 */
export const runCommandService = (definition: CommandServiceDefinition): void => {
  startCommandService(definition).then(
    (running) => {
      installShutdownHooks(
        { shutdown: () => running.stop() },
        createLogger({ service: definition.name }),
      );
    },
    (error: unknown) => {
      const line = error instanceof ConfigError ? error.message : describeStartupFailure(error);
      process.stderr.write(`${definition.name}: ${line}\n`);
      process.exit(1);
    },
  );
};
