import * as grpc from '@grpc/grpc-js';
import { createClient, unary } from '@ledgerline/grpc';
import { type commonV1, loadPackage, type platformV1 } from '@ledgerline/proto';
import { servers } from '@ledgerline/testing';
import { Pool } from 'pg';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the accounts command service's e2e helpers (an application: no alias)
import { newId, usd } from '../../../src/fixtures/accounts-service';
import {
  type AccountsQueryPlatform,
  startAccountsQueryPlatform,
} from '../fixtures/accounts-query-platform';

// ReconcileLedger on the accounts query service: the store this run's command service writes,
// folded and compared with the views its projectors fill.

let platform: AccountsQueryPlatform;
let admin: platformV1.LedgerAdminServiceClient;
let pool: Pool;

beforeAll(async () => {
  platform = await startAccountsQueryPlatform();
  const { LedgerAdminService } = loadPackage(['ledgerline/platform/v1/ledger_admin.proto'])
    .ledgerline.platform.v1;
  admin = createClient(LedgerAdminService, platform.address, { retries: 0, deadlineMs: 30_000 });
  pool = new Pool({ connectionString: (await servers()).postgresUrl, max: 1 });
}, 60_000);
afterAll(async () => {
  admin?.close();
  await pool?.end();
  await platform?.stop();
}, 30_000);

const reconcile = (request: platformV1.ReconcileLedgerRequest) =>
  unary(admin, 'ReconcileLedger', request);
const receiptOf = (response: { receipt: commonV1.CommandReceipt__Output | null }) =>
  response.receipt!;

it('reconciles the ledger, and names the account whose balance row was changed by hand', async () => {
  const accountId = newId();
  await platform.commands.openAccount({
    accountId,
    ownerId: newId(),
    kind: 'ACCOUNT_KIND_CUSTOMER',
    currency: 'USD',
  });
  await platform.commands.depositFunds({ accountId, amount: usd(1_000) });
  const last = receiptOf(await platform.commands.withdrawFunds({ accountId, amount: usd(250) }));
  await platform.client.getBalance({ accountId, consistencyToken: last });

  // The history view may still be applying: it gets time to settle.
  const equal = await reconcile({ settleMs: 15_000 });
  expect(equal).toMatchObject({
    ok: true,
    at: 'head',
    events: '3',
    accounts: '1',
    breaks: '0',
    zeroSums: [{ currency: 'USD', accounts: '750', external: '-750', total: '0' }],
    externalAccounts: [{ kind: 'deposits', currency: 'USD', balance: '-750' }],
    firstDifference: null,
  });
  expect(equal.views.map((v) => [v.compared, v.differing])).toEqual([
    ['1', '0'],
    ['1', '0'],
    ['0', '0'],
  ]);
  expect(equal.views[2]?.skipped).toMatch(/does not exist/);

  await pool.query(
    `UPDATE "${platform.readSchema}".balances_v1 SET balance = balance + 5 WHERE account_id = $1`,
    [accountId],
  );
  const differs = await reconcile({});
  expect(differs).toMatchObject({
    ok: false,
    zeroSums: [{ currency: 'USD', accounts: '755', external: '-750', total: '5' }],
    firstDifference: {
      accountId,
      what: 'balance',
      expected: '750',
      actual: '755',
      streamVersion: 3,
    },
  });
}, 60_000);

it('refuses a point it cannot read, naming the field', async () => {
  await expect(reconcile({ at: 'yesterday' })).rejects.toMatchObject({
    code: grpc.status.INVALID_ARGUMENT,
    details: expect.stringMatching(/^at: /) as string,
  });
});
