import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  accountBalancesProjection,
  transactionHistoryProjection,
} from '@ledgerline/accounts-views';
import { createSearchClient, type SearchClient } from '@ledgerline/search';
import { servers, uniqueName, workspaceRoot } from '@ledgerline/testing';
import { topicNamespace, type TopicNamespace } from '@ledgerline/testing-kafka';
import { categoryTopicSpec } from '@ledgerline/relay';
import { Pool } from 'pg';
import { ledgerPlatform } from '../fixtures/ledger-platform';
import { type LedgerVerification } from '@ledgerline/accounts-views';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe('platform ledger verify against the real servers', () => {
  const names = {
    accountsStore: uniqueName('ledger_store'),
    accountsRead: uniqueName('ledger_read'),
    prefix: uniqueName('ledger'),
    paymentsAlias: uniqueName('ledger-payments'),
    ordersAlias: uniqueName('ledger-orders'),
  };
  const viewsFile = join(tmpdir(), `${uniqueName('ledger-views')}.json`);
  let pool: Pool;
  let search: SearchClient;
  let namespace: TopicNamespace;
  let env: Record<string, string>;
  let customer: string;
  let merchant: string;

  const balancesView = () =>
    accountBalancesProjection({ tables: { balances: `${names.accountsRead}.balances_v1` } });
  const historyView = () =>
    transactionHistoryProjection({
      tables: {
        transactions: `${names.accountsRead}.transactions_v1`,
        heads: `${names.accountsRead}.history_heads_v1`,
      },
    });
  const platform = (...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [join(workspaceRoot, 'tools/platform.mjs'), ...args],
        { cwd: workspaceRoot, env: { ...process.env, ...env }, timeout: 90_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  const verify = async (...args: string[]) => {
    const run = await platform('ledger', 'verify', '--json', '--settle-ms', '0', ...args);
    return { code: run.code, result: JSON.parse(run.stdout) as LedgerVerification, run };
  };

  beforeAll(async () => {
    const s = await servers();
    namespace = await topicNamespace('ledger');
    pool = new Pool({ connectionString: s.postgresUrl, max: 4 });
    search = createSearchClient(s.elasticsearchUrl);
    env = {
      POSTGRES_URL: s.postgresUrl,
      KAFKA_BROKERS: s.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: namespace.prefix,
      ELASTICSEARCH_URL: s.elasticsearchUrl,
      REDIS_URL: s.redisUrl,
      PLATFORM_VIEWS: viewsFile,
    };
    const own = (context: string) => ({
      readSchema: uniqueName(`ledger_${context}_read`),
      sourceSchema: uniqueName(`ledger_${context}_store`),
      projectionPrefix: `${names.prefix}-${context}`,
      cacheNamespace: uniqueName(`ledger-${context}`),
    });
    writeFileSync(
      viewsFile,
      JSON.stringify({
        accounts: {
          readSchema: names.accountsRead,
          sourceSchema: names.accountsStore,
          projectionPrefix: names.prefix,
          cacheNamespace: uniqueName('ledger-balances'),
        },
        payments: { ...own('payments'), searchAlias: names.paymentsAlias },
        orders: { ...own('orders'), searchAlias: names.ordersAlias },
      }),
    );
    const fixture = ledgerPlatform({
      pool,
      search,
      accountsSchema: names.accountsStore,
      paymentsAlias: names.paymentsAlias,
      ordersAlias: names.ordersAlias,
    });
    await fixture.setUp();
    customer = await fixture.openAccount('customer');
    merchant = await fixture.openAccount('merchant');
    await fixture.deposit(customer, 10_000);
    await fixture.withdraw(customer, 1_500);
    await fixture.checkout(customer, merchant, 2_000);
    await fixture.checkout(customer, merchant, 700);
    await fixture.withdraw(merchant, 300);

    // The views as the accounts query service creates and fills them: rebuilt from the store.
    await pool.query(`CREATE SCHEMA "${names.accountsRead}"`);
    const client = await pool.connect();
    try {
      for (const live of [balancesView(), historyView()])
        await live.migrate!(client, live.tables as never);
    } finally {
      client.release();
    }
    const admin = await namespace.messaging.admin();
    await admin.ensureTopics([categoryTopicSpec('account')]);
    await admin.close();
    for (const view of ['balances', 'transaction-history']) {
      const rebuilt = await platform('projections', 'rebuild', `${names.prefix}.${view}`, '--json');
      if (rebuilt.code !== 0) throw new Error(`rebuild ${view}: ${rebuilt.stderr}`);
    }
  }, 120_000);

  afterAll(async () => {
    await namespace?.remove().catch(() => undefined);
    for (const schema of [names.accountsRead, names.accountsStore])
      await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    for (const alias of [names.paymentsAlias, names.ordersAlias])
      await search?.indices.delete({ index: `${alias}-v1` }).catch(() => undefined);
    await search?.close();
    await pool?.end();
  });

  it('finds the views equal to the ledger and money summing to zero with the external accounts', async () => {
    const { code, result } = await verify();
    expect(code).toBe(0);
    expect(result).toMatchObject({
      ok: true,
      at: 'head',
      events: 11,
      accounts: 2,
      breaks: { count: 0, first: null },
      firstDifference: null,
    });
    // Customer 10,000 − 1,500 − 2,700 = 5,800; merchant 2,700 − 300 = 2,400.
    expect(result.zeroSum).toEqual([
      { currency: 'EUR', accounts: 8_200, external: -8_200, total: 0 },
    ]);
    expect(result.external).toEqual([
      { kind: 'clearing', currency: 'EUR', balance: 0 },
      { kind: 'deposits', currency: 'EUR', balance: -8_200 },
    ]);
    expect(result.views.map((v) => [v.compared, v.differing])).toEqual([
      [2, 0],
      [2, 0],
      [1, 0],
    ]);
    expect(result.settlements.sums).toEqual([
      { currency: 'EUR', captured: 2_700, confirmed: 2_700 },
    ]);

    const text = await platform('ledger', 'verify', '--settle-ms', '0');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ledger at head \(\d+\/\d+\): EQUAL; 11 events, 2 accounts/);
  }, 60_000);

  it('compares the views at a past point, or says they are past it', async () => {
    // The second checkout's capture: its merchant credit is not yet recorded at that point.
    const { rows } = await pool.query<{ global_position: string }>(
      `SELECT global_position FROM "${names.accountsStore}".events
        ORDER BY transaction_id, global_position OFFSET 8 LIMIT 1`,
    );
    const { code, result } = await verify('--at', rows[0]!.global_position);
    expect(code).toBe(0);
    expect(result).toMatchObject({ ok: true, events: 9, accounts: 2 });
    // Customer 5,800 + merchant 2,000 (one credit); the 700 captured is in clearing.
    expect(result.zeroSum).toEqual([
      { currency: 'EUR', accounts: 7_800, external: -7_800, total: 0 },
    ]);
    expect(result.external).toEqual([
      { kind: 'clearing', currency: 'EUR', balance: 700 },
      { kind: 'deposits', currency: 'EUR', balance: -8_500 },
    ]);
    const [balances, history, payments] = result.views;
    // The customer's row is at the point; the merchant's is past it (two events later).
    expect(balances).toMatchObject({ compared: 1, pastPoint: 1, differing: 0 });
    // History rows carry their versions: both accounts are compared at the point.
    expect(history).toMatchObject({ compared: 2, differing: 0 });
    expect(payments?.skipped).toBe('live indices hold the present, not the point');
  }, 60_000);

  it('fails naming the account and its event when a balances row is changed by hand', async () => {
    const balances = balancesView().tables.balances;
    await pool.query(`UPDATE ${balances} SET balance = balance + 1 WHERE account_id = $1`, [
      merchant,
    ]);
    try {
      const { code, result } = await verify();
      expect(code).toBe(5);
      expect(result.ok).toBe(false);
      expect(result.firstDifference).toMatchObject({
        accountId: merchant,
        what: 'balance',
        expected: '2400',
        actual: '2401',
        event: { streamVersion: 4 },
      });
      expect(result.zeroSum[0]?.total).toBe(1);
      const text = await platform('ledger', 'verify', '--settle-ms', '0');
      expect(text.code).toBe(5);
      expect(text.stdout).toContain(`first difference: account ${merchant} in balances`);
    } finally {
      await pool.query(`UPDATE ${balances} SET balance = balance - 1 WHERE account_id = $1`, [
        merchant,
      ]);
    }
  }, 60_000);
});
