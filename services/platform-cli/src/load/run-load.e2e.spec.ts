import { workspaceRoot } from '@ledgerline/testing';
import { runCli } from '../cli';
import { GROUPS } from '../groups';
// The whole platform as separate processes: the load meets real services, saga and views.
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  type BurstPlatform,
  startBurstPlatform,
} from '../../../checkout/src/fixtures/burst-platform';
import { type ServiceAddresses } from './clients';
import { loadCredentials } from './connection';
import { parseMix } from './options';
import { summaryText } from './render-load';
import { type LoadProgress, runLoad } from './run-load';

const RATE = 8;
const DURATION_MS = 10_000;

describe('platform load against the whole platform', () => {
  let platform: BurstPlatform;
  let addresses: ServiceAddresses;
  // The suite's token may act for any owner; a load's own token is a customer's (fresh subject).
  const { LEDGERLINE_TOKEN: _suiteToken, ...envWithoutToken } = process.env;

  beforeAll(async () => {
    platform = await startBurstPlatform();
    addresses = {
      accounts: platform.address('accounts'),
      orders: platform.address('orders'),
      accountsQuery: platform.address('accounts-query'),
      ordersQuery: platform.address('orders-query'),
      paymentsQuery: platform.address('payments-query'),
    };
  }, 180_000);

  afterAll(() => platform?.stop(), 60_000);

  it('sends the mix at the rate with no failed call; every checkout ends and money is conserved', async () => {
    const credentials = await loadCredentials(envWithoutToken, workspaceRoot, 600);
    expect(credentials.token).toBe('minted');
    const progress: LoadProgress[] = [];
    const common = {
      addresses,
      auth: credentials.auth,
      ...(credentials.ownerId !== undefined && { ownerId: credentials.ownerId }),
    };
    // A fresh platform's projectors may still be joining their consumer groups: one checkout,
    // with time to spare, first (a read-your-writes GetOrder waits for the orders view).
    const warmUp = await runLoad({
      ...common,
      rate: 1,
      durationMs: 1_000,
      mix: parseMix('checkout'),
      accounts: 2,
      callDeadlineMs: 30_000,
    });
    expect(warmUp.errorSamples).toEqual({});

    const summary = await runLoad({
      ...common,
      rate: RATE,
      durationMs: DURATION_MS,
      mix: parseMix('checkout,deposit,query'),
      accounts: 6,
      progressIntervalMs: 1_000,
      onProgress: (p) => progress.push(p),
    });

    // On failure, the summary a user would see.
    expect(summary.ok ? 'ok' : summaryText(summary)).toBe('ok');
    const byName = Object.fromEntries(summary.operations.map((o) => [o.operation, o]));
    expect({ sent: summary.sent, dropped: summary.dropped, errors: summary.errorSamples }).toEqual({
      sent: RATE * (DURATION_MS / 1_000),
      dropped: 0,
      errors: {},
    });
    expect(byName['checkout']).toMatchObject({ count: 27, ok: 27, errors: {} });
    expect(byName['deposit']).toMatchObject({ count: 27, ok: 27 });
    expect(byName['query']).toMatchObject({ count: 26, ok: 26 });
    expect(summary.money).toMatchObject({ conserved: true, unsettled: 0, mismatches: [] });
    expect(summary.money.confirmed + summary.money.cancelled).toBe(27);
    expect(summary.money.confirmed).toBeGreaterThan(0);
    expect(summary.ok).toBe(true);
    // Open loop: halfway through, about half the calls were sent, however long checkouts took.
    const halfway = progress.find((p) => p.elapsedMs >= DURATION_MS / 2)!;
    expect(halfway.sent).toBeGreaterThanOrEqual((RATE * halfway.elapsedMs) / 1_000 - 2);
    expect(halfway.sent).toBeLessThanOrEqual((RATE * halfway.elapsedMs) / 1_000 + 2);
  }, 150_000);

  it('runs as `platform load --json` from the addresses in the environment, exit 0', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      [
        'load',
        '--rate',
        '5',
        '--duration',
        '2s',
        '--mix',
        'deposit,query=2',
        '--accounts',
        '2',
        '--json',
      ],
      GROUPS,
      {
        stdout: { write: (text: string) => out.push(text) },
        stderr: { write: (text: string) => err.push(text) },
        env: {
          ...envWithoutToken,
          ACCOUNTS_ADDRESS: addresses.accounts,
          ORDERS_ADDRESS: addresses.orders,
          ACCOUNTS_QUERY_ADDRESS: addresses.accountsQuery,
          ORDERS_QUERY_ADDRESS: addresses.ordersQuery,
          PAYMENTS_QUERY_ADDRESS: addresses.paymentsQuery,
        },
        workspace: workspaceRoot,
      },
    );

    expect(err.join('')).toBe('');
    const summary = JSON.parse(out.join('')) as { ok: boolean; sent: number; token: string };
    expect({ code, ok: summary.ok, sent: summary.sent, token: summary.token }).toEqual({
      code: 0,
      ok: true,
      sent: 10,
      token: 'minted',
    });
  }, 60_000);
});
