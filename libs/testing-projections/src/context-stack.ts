import type * as grpc from '@grpc/grpc-js';
import {
  type CommandServiceDefinition,
  loadCommandServiceConfig,
  startCommandService,
} from '@ledgerline/command-service';
import { type ClientConstructor, clientAuthWithToken, createClient } from '@ledgerline/grpc';
import {
  loadQueryServiceConfig,
  type QueryServiceDefinition,
  startQueryService,
} from '@ledgerline/query-service';
import { createSearchClient } from '@ledgerline/search';
import { servers, uniqueName } from '@ledgerline/testing';
import { topicNamespace } from '@ledgerline/testing-kafka';
import { Pool } from 'pg';

/** Where a context's query service keeps its views, all of them unique to one stack. */
export interface ContextStackNames {
  readonly readSchema: string;
  readonly sourceSchema: string;
  readonly projectionPrefix: string;
  readonly searchAlias: string;
  readonly cacheNamespace: string;
  /** Projector tuning for tests: quick rebalances, no lag reports. */
  readonly projector: {
    readonly consumer: { readonly sessionTimeoutMs: number };
    readonly lagIntervalMs: number;
  };
}

export interface ContextStackSpec<Commands extends { close(): void }, Q extends grpc.Client> {
  /** A short prefix for the stack's schemas, topics, alias and cache namespace ("ordq"). */
  readonly prefix: string;
  readonly commandService: (schema: string) => CommandServiceDefinition;
  readonly queryService: (names: ContextStackNames) => QueryServiceDefinition;
  /** The command service's client, at its address. */
  readonly commandClient: (address: string) => Commands;
  /** The query service's generated gRPC client. */
  readonly QueryClient: ClientConstructor<Q>;
  /** Settings both services get on top of the test defaults (e.g. privacy settings). */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * A context's command service (relay on) and its query service, started in-process on free ports
 * over the real PostgreSQL, Kafka, Redis and Elasticsearch, each in schemas, names, Kafka topics,
 * an index alias and a cache namespace of their own. `stop()` removes all of them.
 */
export const startContextStack = async <Commands extends { close(): void }, Q extends grpc.Client>(
  spec: ContextStackSpec<Commands, Q>,
) => {
  const env = await servers();
  const extraEnv = spec.env ?? {};
  const names: ContextStackNames = {
    readSchema: uniqueName(`${spec.prefix}_read`),
    sourceSchema: uniqueName(`${spec.prefix}_store`),
    projectionPrefix: uniqueName(spec.prefix),
    searchAlias: uniqueName(`${spec.prefix}_search`),
    cacheNamespace: uniqueName(`${spec.prefix}-cache`),
    projector: { consumer: { sessionTimeoutMs: 6_000 }, lagIntervalMs: 60_000 },
  };
  const namespace = await topicNamespace(spec.prefix);
  const command = await startCommandService(
    spec.commandService(names.sourceSchema),
    loadCommandServiceConfig(namespace.serviceEnv(extraEnv)),
  );
  const definition = spec.queryService(names);
  const query = await startQueryService(
    definition,
    loadQueryServiceConfig(
      namespace.serviceEnv({
        ...extraEnv,
        PG_POOL_SIZE: '10',
        CURSOR_SECRET: `${spec.prefix}-query-test-secret`,
      }),
    ),
  ).catch(async (error: unknown) => {
    await command.stop();
    throw error;
  });
  const commands = spec.commandClient(`127.0.0.1:${command.port}`);
  const queryClient = (options: Parameters<typeof createClient>[2] = {}) =>
    createClient(spec.QueryClient, `127.0.0.1:${query.port}`, {
      retries: 0,
      deadlineMs: 15_000,
      ...options,
    });
  const queries = queryClient();
  const others: { close(): void }[] = [];
  return {
    ...names,
    commands,
    queries,
    /** A query client presenting `token` (the test's mTLS certificate, another bearer token). */
    queriesAs(token: string) {
      const client = queryClient({ auth: clientAuthWithToken(token) });
      others.push(client);
      return client;
    },
    /** The context's event store: appends events exactly as given (the relay publishes them). */
    store: command.store,
    namespace,
    definition,
    projections: definition.views.map((view) => view.projection.name),
    async stop() {
      for (const client of others) client.close();
      queries.close();
      commands.close();
      await query.stop();
      await command.stop();
      await namespace.remove().catch(() => undefined); // category and dead-letter topics
      const search = createSearchClient(env.elasticsearchUrl);
      await search.indices.delete({ index: `${names.searchAlias}-v1` }).catch(() => undefined);
      await search.close();
      const pool = new Pool({ connectionString: env.postgresUrl, max: 1 });
      for (const schema of [names.readSchema, names.sourceSchema])
        await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    },
  };
};
