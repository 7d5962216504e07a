import { type Cache, createCache, redisCredentialsFrom } from '@ledgerline/cache';
import { reportingAssignment } from '@ledgerline/command-service';
import { ConfigError, isProduction } from '@ledgerline/config';
import { openPostgresPool, watchPostgres } from '@ledgerline/event-store';
import {
  type ErrorMapper,
  installShutdownHooks,
  Readiness,
  type ServiceBinding,
  serverSecurityFrom,
  startGrpcServer,
  unaryHandlers,
} from '@ledgerline/grpc';
import { createLogger, type Logger } from '@ledgerline/logging';
import { createKafkaMessaging, type Messaging, namespacedMessaging } from '@ledgerline/messaging';
import {
  combinedKeyring,
  kekFromConfig,
  openingMessaging,
  postgresKeyring,
} from '@ledgerline/privacy';
import {
  type ElasticsearchProjection,
  type HeadSource,
  migrateRuntime,
  type PostgresProjection,
  type Projection,
  type Projector,
  type ProjectorSettings,
  startProjector,
  type TableNames,
} from '@ledgerline/projections';
import { categoryTopicSpec } from '@ledgerline/relay';
import { createSearchClient, searchCredentialsFrom, type SearchClient } from '@ledgerline/search';
import { startServiceMetrics } from '@ledgerline/telemetry';
import { type Pool } from 'pg';
import { projectionsAdminService } from './admin-service';
import { type QueryServiceConfig, DEV_CURSOR_SECRET, loadQueryServiceConfig } from './config';
import { callBoundPool, callBoundSearchClient, callScopedHandlers } from './call-scope';
import { type Consistency, createConsistency } from './consistency';
import { createCursorCodec, type CursorCodec } from './cursor';
import { consistencyErrorMapper } from './errors';
import { type EventSource, headSourceFor } from './sources';
import { describeStartupFailure } from './startup-failure';

/** A read model the service maintains and serves. */
export interface ViewDefinition {
  readonly projection: Projection;
  /**
   * Its Redis cache of single entities: after every committed batch the projector raises the
   * version floors of the streams it applied (ADR 0007). Entries are keyed by stream id unless
   * `key` maps it; a cached value's version must be the stream version of its last applied event.
   */
  readonly cache?: { readonly namespace: string; readonly key?: (streamId: string) => string };
}

/**
 * A view of any table names. A projection typed with its own tables (`{ counts: '…' }`) is not
 * assignable to the runtime's `Projection` (its handlers take exactly those names), though the
 * runtime only ever hands a projection its own `tables`: this is the one place that widens it.
 */
export const defineView = <Tables extends TableNames>(
  projection: PostgresProjection<Tables> | ElasticsearchProjection,
  cache?: ViewDefinition['cache'],
): ViewDefinition => ({
  projection: projection as unknown as Projection,
  ...(cache && { cache }),
});

/** What a query service's handlers are built with. */
export interface QueryServiceContext {
  /** The service's pool; inside a handler each query is cut at the call's deadline. */
  readonly pool: Pool;
  /** Inside a handler, searches carry the call's remaining time and cancellation. */
  readonly searchClient: SearchClient;
  readonly logger: Logger;
  readonly consistency: Consistency;
  readonly cursors: CursorCodec;
  /** The cache of a view's namespace (declared in `views`); throws for any other. */
  cache(namespace: string): Cache;
  /** `unaryHandlers` with the service's error mappers and ReadModelBehind → DEADLINE_EXCEEDED. */
  readonly unary: ReturnType<typeof unaryHandlers>;
}

export interface QueryServiceDefinition {
  /** Service name, used in logs and the Kafka client id. */
  readonly name: string;
  /** Schema of the views' tables and of the projection runtime's checkpoints. */
  readonly schema: string;
  /** The stores whose events the views read, and whose receipts queries may pass as tokens. */
  readonly sources: readonly EventSource[];
  readonly views: readonly ViewDefinition[];
  readonly services: (context: QueryServiceContext) => readonly ServiceBinding[];
  /** Tried before the built-in mappers. */
  readonly errorMappers?: readonly ErrorMapper[];
  /** Projector runtime tuning (consumer timeouts, handler retries, lag interval, start). */
  readonly projector?: Partial<
    Pick<
      ProjectorSettings<TableNames>,
      'consumer' | 'retry' | 'lagIntervalMs' | 'startAt' | 'bulkBatches'
    >
  >;
}

export interface RunningQueryService {
  readonly port: number;
  readonly pool: Pool;
  /** The projectors this process runs (none with PROJECTORS_ENABLED=false), by projection. */
  readonly projectors: ReadonlyMap<string, Projector>;
  readonly consistency: Consistency;
  /** Stops gRPC (draining calls), then the projectors, then caches, clients and the pool. */
  stop(): Promise<void>;
}

/**
 * The composition root every query service shares: config, logger, metrics, pool, runtime
 * tables, Kafka, Elasticsearch, the views' caches and projectors, read-your-writes, page tokens,
 * and the gRPC server with the definition's services plus ProjectionsAdminService.
 */
export const startQueryService = async (
  definition: QueryServiceDefinition,
  config: QueryServiceConfig = loadQueryServiceConfig(),
): Promise<RunningQueryService> => {
  const logger = createLogger({ service: definition.name, level: config.LOG_LEVEL });
  const closers: { what: string; close: () => Promise<unknown> }[] = [];
  const closeAll = async () => {
    for (const { what, close } of closers.splice(0).reverse())
      await close().catch((error: unknown) =>
        logger.warn({ err: error, what }, 'query service: stopping failed'),
      );
  };
  try {
    const metrics = await startServiceMetrics(definition.name, config);
    if (metrics) closers.push({ what: 'metrics', close: () => metrics.stop() });
    const pool = await openPostgresPool(config, { applicationName: definition.name, logger });
    closers.push({ what: 'pool', close: () => pool.end() });
    // Serving needs PostgreSQL; the whole server ('') also each projector's consumer assigned.
    const readiness = new Readiness(logger);
    const postgresWatch = watchPostgres(pool, readiness.condition('postgres'));
    closers.push({
      what: 'readiness',
      close: () => Promise.resolve(postgresWatch.stop()),
    });
    await migrateRuntime(pool, definition.schema);

    // Relays set to publish ciphertext leave personal fields sealed in Kafka: the projectors open
    // them with the sources' keyrings (a forgotten subject's read as the marker).
    const kek = await kekFromConfig(config);
    const keyring = combinedKeyring(
      definition.sources.map((source) =>
        postgresKeyring({
          pool,
          schema: source.schema,
          kek,
          cacheTtlMs: config.PRIVACY_KEY_CACHE_MS,
        }),
      ),
    );
    const messaging = openingMessaging(
      namespacedMessaging(
        createKafkaMessaging({
          brokers: config.KAFKA_BROKERS,
          clientId: `${definition.name}-query`,
          logger,
        }),
        config.KAFKA_TOPIC_PREFIX,
      ),
      keyring,
    );
    const admin = await messaging.admin();
    closers.push({ what: 'kafka admin', close: () => admin.close() });
    // The relay creates its topics when it first leads; the projectors may start before that.
    await admin.ensureTopics(
      definition.sources.flatMap((s) => s.categories.map((c) => categoryTopicSpec(c))),
    );
    const searchClient = createSearchClient(
      config.ELASTICSEARCH_URL,
      searchCredentialsFrom(config),
    );
    closers.push({ what: 'elasticsearch', close: () => searchClient.close() });

    const caches = new Map<string, Cache>();
    for (const view of definition.views) {
      if (!view.cache || caches.has(view.cache.namespace)) continue;
      const cache = await createCache({
        redisUrl: config.REDIS_URL,
        credentials: redisCredentialsFrom(config),
        namespace: view.cache.namespace,
        logger,
      });
      caches.set(view.cache.namespace, cache);
      closers.push({ what: `cache ${view.cache.namespace}`, close: () => cache.close() });
    }

    const projections = definition.views.map((v) => v.projection);
    const headSources = new Map<string, HeadSource>();
    for (const projection of projections) {
      const head = headSourceFor(pool, definition.sources, projection.topics);
      if (head) headSources.set(projection.name, head);
    }
    const projectors = new Map<string, Projector>();
    if (config.PROJECTORS_ENABLED) {
      for (const view of definition.views) {
        const projector = await startViewProjector(view, {
          messaging: reportingAssignment(
            messaging,
            readiness.condition(`ledgerline.projection.${view.projection.name}`, {
              component: true,
            }),
          ),
          pool,
          schema: definition.schema,
          logger,
          searchClient,
          headSource: headSources.get(view.projection.name),
          cache: view.cache && caches.get(view.cache.namespace),
          tuning: definition.projector,
        });
        projectors.set(view.projection.name, projector);
        closers.push({ what: `projector ${view.projection.name}`, close: () => projector.stop() });
      }
    }

    const consistency = createConsistency({
      pool,
      schema: definition.schema,
      admin,
      sources: definition.sources,
      projections,
      searchClient,
      headSources,
      maxWaitMs: config.CONSISTENCY_MAX_WAIT_MS,
      maxWaiters: config.CONSISTENCY_MAX_WAITERS,
    });
    if (isProduction(config) && config.CURSOR_SECRET.includes(DEV_CURSOR_SECRET))
      throw new ConfigError(
        'CURSOR_SECRET',
        'is the development default; in production set a secret of your own (from a file or the environment)',
      );
    if (config.CURSOR_SECRET.includes(DEV_CURSOR_SECRET))
      logger.warn({}, 'CURSOR_SECRET is the development default: page tokens can be forged');
    const unary = unaryHandlers({
      logger,
      errorMappers: [...(definition.errorMappers ?? []), consistencyErrorMapper],
    });
    const context: QueryServiceContext = {
      // Handlers' queries and searches end at the call's deadline or cancellation.
      pool: callBoundPool(pool),
      searchClient: callBoundSearchClient(searchClient),
      logger,
      consistency,
      cursors: createCursorCodec(config.CURSOR_SECRET),
      cache(namespace) {
        const cache = caches.get(namespace);
        if (!cache) throw new Error(`query service: no view declares the cache "${namespace}"`);
        return cache;
      },
      unary: callScopedHandlers(unary),
    };
    await postgresWatch.first;
    const server = await startGrpcServer({
      ...serverSecurityFrom(config, definition.name, config),
      readiness,
      host: config.GRPC_HOST,
      port: config.GRPC_PORT,
      services: [
        ...definition.services(context),
        projectionsAdminService({
          projections,
          projectors,
          pool,
          schema: definition.schema,
          admin,
          headSources,
          logger,
        }),
      ],
      logger,
      maxReceiveMessageLength: config.GRPC_MAX_MESSAGE_BYTES,
    });
    closers.push({ what: 'gRPC server', close: () => server.shutdown() });

    let stopped: Promise<void> | undefined;
    return {
      port: server.port,
      pool,
      projectors,
      consistency,
      stop: () => (stopped ??= closeAll()),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
};

interface ProjectorDependencies {
  readonly messaging: Messaging;
  readonly pool: Pool;
  readonly schema: string;
  readonly logger: Logger;
  readonly searchClient: SearchClient;
  readonly headSource: HeadSource | undefined;
  readonly cache: Cache | undefined;
  readonly tuning: QueryServiceDefinition['projector'];
}

const startViewProjector = (view: ViewDefinition, deps: ProjectorDependencies) => {
  const { cache, logger } = deps;
  const key = view.cache?.key ?? ((streamId: string) => streamId);
  const common = {
    ...deps.tuning,
    messaging: deps.messaging,
    pool: deps.pool,
    schema: deps.schema,
    logger,
    ...(deps.headSource && { headSource: deps.headSource }),
    // After the commit: a reader's write-back older than the batch is refused from now on.
    onBatch: ({ applied }: { applied: ReadonlyMap<string, number> }) => {
      if (!cache || applied.size === 0) return;
      const bumps = [...applied].map(([streamId, version]) => ({ key: key(streamId), version }));
      cache
        .bumpVersions(bumps)
        .catch((error: unknown) =>
          logger.warn({ err: error, projection: view.projection.name }, 'cache bump failed'),
        );
    },
  };
  const { projection } = view;
  return projection.sink === 'elasticsearch'
    ? startProjector({ ...common, projection, searchClient: deps.searchClient })
    : startProjector({ ...common, projection });
};

/**
 * Entry point for a query service's main.ts: starts it, stops it gracefully on SIGTERM/SIGINT,
 * and turns a start-up failure into one line naming the cause.
 */
export const runQueryService = (definition: QueryServiceDefinition): void => {
  startQueryService(definition).then(
    (running) => {
      installShutdownHooks(
        { shutdown: () => running.stop() },
        createLogger({ service: definition.name }),
      );
    },
    (error: unknown) => {
      process.stderr.write(`${definition.name}: ${describeStartupFailure(error)}\n`);
      process.exit(1);
    },
  );
};
