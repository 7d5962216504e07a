import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servers, uniqueName, workspaceRoot } from '@ledgerline/testing';
import { Pool } from 'pg';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

// `platform db migrate` on schemas of this test's own (PLATFORM_VIEWS, SAGA_SCHEMA).
describe('platform db migrate', () => {
  const contexts = ['accounts', 'payments', 'orders'] as const;
  const namesFor = (c: string) => ({
    readSchema: uniqueName(`mig_read_${c}`),
    sourceSchema: uniqueName(`mig_store_${c}`),
    projectionPrefix: uniqueName(`mig-${c}`),
  });
  const names = {
    accounts: namesFor('accounts'),
    payments: namesFor('payments'),
    orders: namesFor('orders'),
  };
  const sagaSchema = uniqueName('mig_sagas');
  const viewsFile = join(tmpdir(), `${uniqueName('platform-views')}.json`);
  const schemas = [
    sagaSchema,
    ...contexts.flatMap((c) => [names[c].readSchema, names[c].sourceSchema]),
  ];
  let pool: Pool;
  let env: Record<string, string>;

  const platform = (...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [join(workspaceRoot, 'tools/platform.mjs'), ...args],
        { cwd: workspaceRoot, env: { ...process.env, ...env }, timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    const s = await servers();
    writeFileSync(viewsFile, JSON.stringify(names));
    env = {
      POSTGRES_URL: s.postgresUrl,
      KAFKA_BROKERS: s.kafkaBrokers.join(','),
      ELASTICSEARCH_URL: s.elasticsearchUrl,
      REDIS_URL: s.redisUrl,
      PLATFORM_VIEWS: viewsFile,
      SAGA_SCHEMA: sagaSchema,
    };
    pool = new Pool({ connectionString: s.postgresUrl, max: 2 });
  });

  afterAll(async () => {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
    rmSync(viewsFile, { force: true });
  });

  const tablesIn = async (schema: string) =>
    (
      await pool.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
        [schema],
      )
    ).rows.map((r) => r.table_name);

  it('creates every schema the services would, and finds nothing left to do the second time', async () => {
    const first = await platform('db', 'migrate', '--json');
    const second = await platform('db', 'migrate');

    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const migrated = JSON.parse(first.stdout) as { schema: string; what: string }[];
    for (const c of contexts)
      expect(migrated).toEqual(
        expect.arrayContaining([
          { schema: names[c].sourceSchema, what: 'event store' },
          { schema: names[c].readSchema, what: 'projection runtime' },
        ]),
      );
    expect(migrated).toContainEqual({ schema: sagaSchema, what: 'sagas' });
    // The accounts store has the accounts service's own migration (1001) besides the store's.
    const versions = await pool.query<{ version: number }>(
      `SELECT version FROM "${names.accounts.sourceSchema}".schema_migrations`,
    );
    expect(versions.rows.map((r) => r.version)).toContain(1001);
    expect(await tablesIn(names.payments.sourceSchema)).toEqual(
      expect.arrayContaining(['events', 'streams']),
    );
    expect(await tablesIn(names.accounts.readSchema)).toEqual(
      expect.arrayContaining(['balances_v1', 'transactions_v1', 'projection_offsets']),
    );
    expect((await tablesIn(sagaSchema)).length).toBeGreaterThan(0);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/\d+ schemas migrated/);
  });
});
