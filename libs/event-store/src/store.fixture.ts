// Test-only helpers (excluded from the build): a migrated store in a schema of its own.
// eslint-disable-next-line @nx/enforce-module-boundaries -- tests may use the shared test harness
import { isolatedPostgres, uniqueName } from '@ledgerline/testing';

import { PostgresEventStore } from './event-store';
import { migrate } from './migrations';
import { type Upcasters } from './upcasters';

export interface StoreFixture {
  readonly store: PostgresEventStore;
  readonly pool: Awaited<ReturnType<typeof isolatedPostgres>>['pool'];
  readonly schema: string;
  drop(): Promise<void>;
}

export const migratedStore = async (upcasters?: Upcasters): Promise<StoreFixture> => {
  const pg = await isolatedPostgres('es');
  await migrate(pg.pool, { schema: pg.schema });
  // EVENT_STORE_TEST_GROUP_COMMIT=<n>: every spec's store with group commit, n appends in flight.
  const inFlight = Number(process.env['EVENT_STORE_TEST_GROUP_COMMIT'] ?? 0);
  const store = new PostgresEventStore({
    pool: pg.pool,
    schema: pg.schema,
    ...(upcasters ? { upcasters } : {}),
    ...(inFlight > 0 && { groupCommit: { maxInFlight: inFlight } }),
  });
  return { store, pool: pg.pool, schema: pg.schema, drop: () => pg.drop() };
};

/** A stream id of the given category no other test uses. */
export const streamOf = (category: string): string => `${category}-${uniqueName('s')}`;
