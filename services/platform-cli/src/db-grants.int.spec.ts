import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateRuntime } from '@ledgerline/projections';
import { migrateSagas } from '@ledgerline/sagas';
import { poolAsRole, servers, uniqueName, workspaceRoot } from '@ledgerline/testing';
import { DatabaseError, Pool } from 'pg';

// `platform db migrate` as the schemas' owner grants each service's role what its service does
// and nothing more (ADR 0028), on schemas of this test's own (PLATFORM_VIEWS, SAGA_SCHEMA).
describe('platform db migrate: the services’ roles', () => {
  const contexts = ['accounts', 'payments', 'orders'] as const;
  const namesFor = (c: string) => ({
    readSchema: uniqueName(`grant_read_${c}`),
    sourceSchema: uniqueName(`grant_store_${c}`),
    projectionPrefix: uniqueName(`grant-${c}`),
  });
  const names = {
    accounts: namesFor('accounts'),
    payments: namesFor('payments'),
    orders: namesFor('orders'),
  };
  const sagaSchema = uniqueName('grant_sagas');
  const viewsFile = join(tmpdir(), `${uniqueName('platform-views')}.json`);
  const schemas = [
    sagaSchema,
    ...contexts.flatMap((c) => [names[c].readSchema, names[c].sourceSchema]),
  ];
  const roles = {
    accounts: 'ledgerline_accounts',
    accountsQuery: 'ledgerline_accounts_query',
    paymentsQuery: 'ledgerline_payments_query',
    checkout: 'ledgerline_checkout',
  };
  let owner: Pool;
  const as: Partial<Record<keyof typeof roles, Pool>> = {};
  let output = '';

  const sqlState = async (pool: Pool | undefined, sql: string): Promise<string> => {
    try {
      await pool!.query(sql);
      return 'ok';
    } catch (error) {
      if (error instanceof DatabaseError) return error.code ?? 'no code';
      throw error;
    }
  };

  beforeAll(async () => {
    const s = await servers();
    writeFileSync(viewsFile, JSON.stringify(names));
    owner = new Pool({ connectionString: s.postgresUrl, max: 2 });
    for (const [key, role] of Object.entries(roles))
      as[key as keyof typeof roles] = await poolAsRole(role, 1);
    const env = {
      POSTGRES_URL: s.postgresUrl,
      KAFKA_BROKERS: s.kafkaBrokers.join(','),
      ELASTICSEARCH_URL: s.elasticsearchUrl,
      REDIS_URL: s.redisUrl,
      PLATFORM_VIEWS: viewsFile,
      SAGA_SCHEMA: sagaSchema,
    };
    output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [join(workspaceRoot, 'tools/platform.mjs'), 'db', 'migrate'],
        { cwd: workspaceRoot, env: { ...process.env, ...env }, timeout: 60_000 },
        (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout)),
      ),
    );
  });

  afterAll(async () => {
    for (const pool of Object.values(as)) await pool.end();
    for (const schema of schemas) await owner.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await owner.end();
    rmSync(viewsFile, { force: true });
  });

  it('grants every service role of the platform', () => {
    const granted = /^granted: (.*)$/m.exec(output)?.[1]?.split(', ') ?? [];

    expect(granted.sort()).toEqual(
      [
        'ledgerline_accounts',
        'ledgerline_accounts_query',
        'ledgerline_checkout',
        'ledgerline_orders',
        'ledgerline_orders_query',
        'ledgerline_payments',
        'ledgerline_payments_query',
      ].sort(),
    );
  });

  it('lets a command service append to its own store only', async () => {
    const append = (schema: string) =>
      `SELECT * FROM "${schema}".append_events('account-${uniqueName('a')}', 'account', -2,
         ARRAY[gen_random_uuid()], ARRAY['AccountOpened'], ARRAY[1], ARRAY['{}'::jsonb],
         ARRAY['{}'::jsonb], false, NULL, NULL, false)`;

    expect(await sqlState(as.accounts, append(names.accounts.sourceSchema))).toBe('ok');
    expect(await sqlState(as.accounts, append(names.payments.sourceSchema))).toBe('42501');
    expect(
      await sqlState(
        as.accounts,
        `SELECT * FROM "${names.accounts.readSchema}".projection_offsets`,
      ),
    ).toBe('42501');
    expect(await sqlState(as.accounts, `SELECT * FROM "${sagaSchema}".saga_instances`)).toBe(
      '42501',
    );
  });

  it("lets a query service read its context's events and write its own views, nothing else", async () => {
    const { accountsQuery } = as;
    const read = names.accounts.readSchema;

    expect(
      await sqlState(
        accountsQuery,
        `SELECT max(global_position) FROM "${names.accounts.sourceSchema}".events`,
      ),
    ).toBe('ok');
    expect(
      await sqlState(
        accountsQuery,
        `INSERT INTO "${read}".projection_streams (projection, stream_id, version) VALUES ('p', 's', 1)`,
      ),
    ).toBe('ok');
    expect(await sqlState(accountsQuery, `DELETE FROM "${read}".projection_streams`)).toBe('ok');
    expect(await sqlState(accountsQuery, `SELECT count(*) FROM "${read}".balances_v1`)).toBe('ok');
    expect(
      await sqlState(accountsQuery, `DELETE FROM "${names.accounts.sourceSchema}".events`),
    ).toBe('42501');
    expect(await sqlState(accountsQuery, `CREATE TABLE "${read}".mine (id int)`)).toBe('42501');
    expect(
      await sqlState(
        accountsQuery,
        `SELECT count(*) FROM "${names.payments.readSchema}".payments_v1`,
      ),
    ).toBe('42501');
    expect(
      await sqlState(
        as.paymentsQuery,
        `SELECT count(*) FROM "${names.accounts.sourceSchema}".events`,
      ),
    ).toBe('42501');
  });

  it("lets the checkout keep its sagas and read the stores' data keys, nothing else", async () => {
    const { checkout } = as;

    expect(
      await sqlState(
        checkout,
        `INSERT INTO "${sagaSchema}".saga_deadlines (saga_id, name, due_at) VALUES ('s-1', 'd', now())`,
      ),
    ).toBe('ok');
    expect(await sqlState(checkout, `DELETE FROM "${sagaSchema}".saga_deadlines`)).toBe('ok');
    expect(
      await sqlState(checkout, `SELECT count(*) FROM "${names.orders.sourceSchema}".events`),
    ).toBe('42501');
    // The relays publish personal fields sealed: the saga opens them with the data keys.
    for (const context of contexts)
      expect(
        await sqlState(
          checkout,
          `SELECT key_id, wrapped_key FROM "${names[context].sourceSchema}".data_keys`,
        ),
      ).toBe('ok');
    expect(
      await sqlState(
        checkout,
        `SELECT count(*) FROM "${names.orders.sourceSchema}".stream_subjects`,
      ),
    ).toBe('42501');
    expect(await sqlState(checkout, `DELETE FROM "${names.orders.sourceSchema}".data_keys`)).toBe(
      '42501',
    );
  });

  it("leaves the schemas alone when a service's start-up finds them migrated", async () => {
    await expect(migrateRuntime(as.accountsQuery!, names.accounts.readSchema)).resolves.toBe(
      undefined,
    );
    await expect(migrateSagas(as.checkout!, sagaSchema)).resolves.toBe(undefined);
  });
});
