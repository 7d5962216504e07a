import { clientAuthFromEnv } from '@ledgerline/grpc';
import { createKafkaMessaging, namespacedMessaging } from '@ledgerline/messaging';
import { fileKek, personalDataCodec, postgresKeyring } from '@ledgerline/privacy';
import { rebuild } from '@ledgerline/replay';
import { createSearchClient } from '@ledgerline/search';
import { eventually, servers } from '@ledgerline/testing';
import { Pool } from 'pg';
// Two processes of every role, as separate processes, restarted under load.
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  type BurstPlatform,
  startBurstPlatform,
} from '../../../checkout/src/fixtures/burst-platform';
import { platformViews } from '../registry';
import { type ServiceAddresses } from './clients';
import { parseMix } from './options';
import { type LoadProgress, runLoad } from './run-load';

/** Every view of the platform under its test names (as platform-service.process.ts runs them). */
const viewsOf = (id: string) =>
  platformViews(
    Object.fromEntries(
      (['accounts', 'payments', 'orders'] as const).map((context) => [
        context,
        {
          readSchema: `${id}_read_${context}`,
          sourceSchema: `${id}_${context}`,
          projectionPrefix: `${id}.${context}`,
          cacheNamespace: `${id}-${context}`,
          searchAlias: `${id}_${context}`,
        },
      ]),
    ),
  );

describe('two replicas of every role under load', () => {
  let platform: BurstPlatform;

  beforeAll(async () => {
    // 14 processes: each pool at 5 keeps them (70 connections) inside max_connections.
    platform = await startBurstPlatform({ PG_POOL_SIZE: '5' }, { replicas: 2 });
  }, 240_000);
  afterAll(() => platform?.stop(), 60_000);

  it('answers every call, applies every event once and conserves money through a rolling restart (SIGTERM) and a crash (SIGKILL) of each role', async () => {
    const addresses: ServiceAddresses = {
      accounts: platform.address('accounts'),
      orders: platform.address('orders'),
      accountsQuery: platform.address('accounts-query'),
      ordersQuery: platform.address('orders-query'),
      paymentsQuery: platform.address('payments-query'),
    };
    const progress: LoadProgress[] = [];
    const restarted = new AbortController();
    const load = runLoad({
      addresses,
      auth: clientAuthFromEnv(),
      rate: 3,
      durationMs: 600_000,
      signal: restarted.signal,
      mix: parseMix('checkout,deposit,query'),
      accounts: 12,
      callDeadlineMs: 20_000,
      checkoutTimeoutMs: 90_000,
      settleTimeoutMs: 90_000,
      progressIntervalMs: 1_000,
      onProgress: (p) => progress.push(p),
    });
    // Every role of the platform, in the order it starts (command, query, saga services).
    const roles = [...new Set(platform.processes().map((key) => key.split('#')[0]!))];
    const restarts: { role: string; replica: number; signal: NodeJS.Signals }[] = [
      // A rolling restart: every process in turn, each back before the next goes.
      ...[0, 1].flatMap((replica) =>
        roles.map((role) => ({ role, replica, signal: 'SIGTERM' as const })),
      ),
      // A crash of a random replica of each role.
      ...roles.map((role) => ({
        role,
        replica: Math.round(Math.random()),
        signal: 'SIGKILL' as const,
      })),
    ];
    try {
      // The load runs steadily before the first process goes.
      await eventually(() => expect(progress.at(-1)?.finished ?? 0).toBeGreaterThan(10), {
        timeoutMs: 60_000,
      });
      for (const { role, replica, signal } of restarts)
        await platform.restart(role, replica, signal);
      // …and on the restarted processes for a while after the last one came back.
      const finished = progress.at(-1)?.finished ?? 0;
      await eventually(
        () => expect(progress.at(-1)?.finished ?? 0).toBeGreaterThan(finished + 12),
        {
          timeoutMs: 60_000,
        },
      );
    } finally {
      restarted.abort();
    }
    const summary = await load;

    expect(summary.errorSamples).toEqual({});
    expect({ dropped: summary.dropped, failed: summary.failedOperations }).toEqual({
      dropped: 0,
      failed: 0,
    });
    expect(summary.unresolved).toBe(0);
    expect(summary.money).toMatchObject({ conserved: true, unsettled: 0, mismatches: [] });
    expect(summary.money.confirmed).toBeGreaterThan(0);

    // Every view (Postgres and Elasticsearch) equals a fresh fold of its event store.
    const env = await servers();
    const pool = new Pool({ connectionString: env.postgresUrl, max: 4 });
    const messaging = namespacedMessaging(
      createKafkaMessaging({ brokers: env.kafkaBrokers, clientId: 'rolling-restart-test' }),
      `${platform.id}.`,
    );
    const searchClient = createSearchClient(env.elasticsearchUrl);
    // Rebuilds open the personal fields the platform sealed, with its master key.
    const kek = await fileKek(platform.kekFile);
    const codecFor = (schema: string) =>
      personalDataCodec({ keyring: postgresKeyring({ pool, schema, kek, cacheTtlMs: 0 }) });
    try {
      for (const view of viewsOf(platform.id)) {
        const rebuilt = await rebuild({ pool, messaging, searchClient, codecFor }, view.view);
        expect({ view: view.name, equal: rebuilt.verification?.equal }).toEqual({
          view: view.name,
          equal: true,
        });
      }
    } finally {
      await searchClient.close();
      await pool.end();
    }
  }, 600_000);
});
