import { type CommandServiceDefinition } from '@ledgerline/command-service';
import { migrate, MIGRATIONS } from '@ledgerline/event-store';
import { migrateProjectionTables, migrateRuntime } from '@ledgerline/projections';
import { migrateSagas } from '@ledgerline/sagas';
import { type Pool } from 'pg';
// The command services' own definitions (schemas and their extra migrations), so the CLI applies
// exactly what each service applies at start; nothing is repeated here.
/* eslint-disable @nx/enforce-module-boundaries */
import { accountsService } from '../../../accounts/src/service';
import { ordersService } from '../../../orders/src/service';
import { paymentsService } from '../../../payments/src/service';
/* eslint-enable @nx/enforce-module-boundaries */
import { type Command, type CommandGroup } from '../command';
import { type CliContext } from '../context';
import { table } from '../render';
import { applyGrants, platformGrants } from './db-grants';

const COMMAND_SERVICES: Record<string, CommandServiceDefinition> = {
  accounts: accountsService(),
  payments: paymentsService,
  orders: ordersService,
};

interface SchemaMigration {
  readonly schema: string;
  readonly what: string;
  run(pool: Pool): Promise<unknown>;
}

/**
 * Every schema the platform's services migrate at start, in the order they depend on each
 * other: each context's event store (the views' sources, with the command service's own extra
 * migrations), each query service's projection runtime and PostgreSQL views' tables, the checkout
 * saga's tables.
 */
export const platformMigrations = (context: CliContext): SchemaMigration[] => {
  const out: SchemaMigration[] = [];
  const seen = new Set<string>();
  const once = (m: SchemaMigration) => {
    if (seen.has(`${m.what}/${m.schema}`)) return;
    seen.add(`${m.what}/${m.schema}`);
    out.push(m);
  };
  for (const { service, view } of context.views()) {
    const commands = COMMAND_SERVICES[service.replace(/-query$/, '')];
    const schema = view.source.schema;
    once({
      schema,
      what: 'event store',
      run: (pool) =>
        migrate(pool, { schema, migrations: [...MIGRATIONS, ...(commands?.migrations ?? [])] }),
    });
  }
  for (const { view } of context.views())
    once({
      schema: view.runtimeSchema,
      what: 'projection runtime',
      run: (pool) => migrateRuntime(pool, view.runtimeSchema),
    });
  // A PostgreSQL view's own tables; an Elasticsearch view's index is set up by its projector.
  for (const { name, view } of context.views()) {
    const { projection } = view;
    if (projection.sink !== 'postgres') continue;
    once({
      schema: Object.values(projection.tables).join(', '),
      what: `view ${name}`,
      run: (pool) => migrateProjectionTables(pool, projection),
    });
  }
  const sagaSchema = context.env['SAGA_SCHEMA'] || 'sagas';
  once({ schema: sagaSchema, what: 'sagas', run: (pool) => migrateSagas(pool, sagaSchema) });
  return out;
};

const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply every pending schema migration of the platform (event stores, views, sagas)',
  details:
    'What each service applies at start, done once before a rollout (the Kubernetes ' +
    'platform-init Job runs it): a failing migration then fails the Job, not every new pod. ' +
    'Each schema migrates behind an advisory lock, so services starting ' +
    'meanwhile wait and find nothing left to do. Schemas follow PLATFORM_VIEWS and SAGA_SCHEMA; ' +
    'Elasticsearch indices are still set up by the projectors. Run it as the owner role ' +
    '(POSTGRES_URL naming ledgerline_owner): it then grants each service role ' +
    '(ledgerline_<service>) what its service needs (ADR 0028), skipping roles the server lacks.',
  async run(_parsed, context) {
    const pool = context.pool();
    const data = [];
    for (const m of platformMigrations(context)) {
      await m.run(pool);
      data.push({ schema: m.schema, what: m.what });
    }
    const grants = await applyGrants(pool, platformGrants(context));
    const granted = grants.filter((g) => g.granted).map((g) => g.role);
    const missing = grants.filter((g) => !g.granted).map((g) => g.role);
    return {
      data,
      text:
        table(
          ['SCHEMA', 'WHAT'],
          data.map((d) => [d.schema, d.what]),
        ) +
        `\n${data.length} schemas migrated` +
        (granted.length ? `\ngranted: ${granted.join(', ')}` : '') +
        (missing.length ? `\nno such role (not granted): ${missing.join(', ')}` : ''),
    };
  },
};

export const dbGroup: CommandGroup = {
  name: 'db',
  summary: 'the platform’s PostgreSQL schemas',
  commands: [migrateCommand],
};
