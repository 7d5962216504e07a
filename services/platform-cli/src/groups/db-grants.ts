import {
  commandServiceGrants,
  eventReaderGrants,
  keyReaderGrants,
  stateSchemaGrants,
} from '@ledgerline/event-store';
import { schemaOfTable } from '@ledgerline/projections';
import { type Pool } from 'pg';
import { type CliContext } from '../context';

/**
 * The PostgreSQL login role a platform service connects as (ADR 0028): `ledgerline_` and its
 * name, dashes as underscores (`accounts-query` → `ledgerline_accounts_query`).
 */
export const postgresRoleOf = (service: string): string =>
  `ledgerline_${service.replaceAll('-', '_')}`;

/** The one process that runs sagas (deploy/platform.json, role `saga`). */
const SAGA_SERVICE = 'checkout';

export interface RoleGrants {
  readonly service: string;
  readonly role: string;
  readonly statements: readonly string[];
}

/**
 * What every service may do, schema by schema, following the same views and saga schema as the
 * migrations: a command service its context's event store (with its relay), a query service
 * reads that store's events and owns the rows of its projection runtime and views, the checkout
 * the rows of the saga tables and the stores' data keys (to open what the relays publish sealed).
 */
export const platformGrants = (context: CliContext): RoleGrants[] => {
  const byService = new Map<string, Set<string>>();
  const add = (service: string, statements: readonly string[]) => {
    const set = byService.get(service) ?? new Set<string>();
    for (const statement of statements) set.add(statement);
    byService.set(service, set);
  };
  for (const { service, view } of context.views()) {
    const command = service.replace(/-query$/, '');
    add(command, commandServiceGrants(view.source.schema, postgresRoleOf(command)));
    add(service, eventReaderGrants(view.source.schema, postgresRoleOf(service)));
    add(service, stateSchemaGrants(view.runtimeSchema, postgresRoleOf(service)));
    if (view.projection.sink !== 'postgres') continue;
    for (const table of Object.values(view.projection.tables)) {
      const schema = schemaOfTable(table);
      if (schema) add(service, stateSchemaGrants(schema, postgresRoleOf(service)));
    }
  }
  const sagaSchema = context.env['SAGA_SCHEMA'] || 'sagas';
  add(SAGA_SERVICE, stateSchemaGrants(sagaSchema, postgresRoleOf(SAGA_SERVICE)));
  // The saga consumes every context's topic, whose personal fields the relays publish sealed.
  for (const { view } of context.views())
    add(SAGA_SERVICE, keyReaderGrants(view.source.schema, postgresRoleOf(SAGA_SERVICE)));
  return [...byService].map(([service, statements]) => ({
    service,
    role: postgresRoleOf(service),
    statements: [...statements],
  }));
};

/**
 * Grants each service's role its privileges, in one transaction per role. A role the server does
 * not have is skipped (reported): a database without per-service roles keeps working as before.
 */
export const applyGrants = async (
  pool: Pool,
  grants: readonly RoleGrants[],
): Promise<{ role: string; granted: boolean }[]> => {
  const { rows } = await pool.query<{ rolname: string }>(
    'SELECT rolname FROM pg_roles WHERE rolname = ANY($1)',
    [grants.map((g) => g.role)],
  );
  const existing = new Set(rows.map((r) => r.rolname));
  const out: { role: string; granted: boolean }[] = [];
  for (const { role, statements } of grants) {
    if (!existing.has(role)) {
      out.push({ role, granted: false });
      continue;
    }
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (const statement of statements) await client.query(statement);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    out.push({ role, granted: true });
  }
  return out;
};
