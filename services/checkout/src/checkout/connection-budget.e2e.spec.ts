import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { RpcError } from '@ledgerline/grpc';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken, workspaceRoot } from '@ledgerline/testing';
import { BUDGET, type BurstPlatform, startBurstPlatform } from '../fixtures/burst-platform';
import { ONE_CALL_PER_SERVICE, statusOf } from '../fixtures/one-call-per-service';
// The dashboards' and alert rules' queries are checked against what the services export.
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  exposedNames,
  PROMETHEUS_SERIES,
  usedMetricNames,
} from '../../../../deploy/prometheus/metric-names';

const CONCURRENT_ORDERS = 100;
const CONCURRENT_READERS = 20;
const BURST_MS = 15_000;
const SAMPLE_EVERY_MS = 200;

/** Counts of answers per RPC and status name (`OK`, `UNAVAILABLE`, …). */
class Answers {
  readonly counts = new Map<string, number>();

  async record(rpc: string, call: Promise<unknown>): Promise<void> {
    let status = 'OK';
    await call.catch((error: unknown) => {
      status = error instanceof RpcError ? grpc.status[error.code] : `thrown: ${String(error)}`;
    });
    const key = `${rpc} ${status}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  count(predicate: (key: string) => boolean): number {
    return [...this.counts].filter(([key]) => predicate(key)).reduce((sum, [, n]) => sum + n, 0);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the platform under a burst, with its default connection budget', () => {
  let platform: BurstPlatform;

  beforeAll(async () => {
    platform = await startBurstPlatform();
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
  }, 60_000);

  it('answers no call INTERNAL and keeps every service within its pool size', async () => {
    const { accounts, orders } = platform.clients;
    const open = async (kind: 'CUSTOMER' | 'MERCHANT') => {
      const accountId = randomUUID();
      await accounts.openAccount({
        accountId,
        ownerId: randomUUID(),
        kind: `ACCOUNT_KIND_${kind}`,
        currency: 'EUR',
      });
      await accounts.depositFunds({
        accountId,
        amount: { amountMinor: '1000000000', currency: 'EUR' },
      });
      return accountId;
    };
    const customers = await Promise.all(Array.from({ length: 20 }, () => open('CUSTOMER')));
    const merchants = await Promise.all(Array.from({ length: 4 }, () => open('MERCHANT')));
    const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;

    const answers = new Answers();
    const placed: string[] = [];
    const peak = new Map<string, number>();
    let peakTotal = 0;
    const end = Date.now() + BURST_MS;

    // Each order is sent twice at once with the same idempotency key, as a retrying client does.
    const placeOrders = async () => {
      while (Date.now() < end) {
        const request = {
          orderId: randomUUID(),
          customerId: randomUUID(),
          merchantId: randomUUID(),
          customerAccountId: pick(customers),
          merchantAccountId: pick(merchants),
          currency: 'EUR',
          lines: [{ sku: 'SKU-1', description: 'A mug', quantity: 1, unitPriceMinor: '250' }],
          idempotencyKey: randomUUID(),
        };
        await Promise.all([
          answers.record('PlaceOrder', orders.placeOrder(request)),
          answers.record('PlaceOrder', orders.placeOrder(request)),
        ]);
        placed.push(request.orderId);
      }
    };
    const read = async () => {
      while (Date.now() < end) {
        await answers.record('GetBalance', platform.getBalance(pick(customers)));
        await answers.record('GetOrder', platform.getOrder(pick(placed) ?? randomUUID()));
      }
    };
    const sample = async () => {
      while (Date.now() < end) {
        const connections = await platform.connections();
        for (const [service, n] of connections)
          peak.set(service, Math.max(peak.get(service) ?? 0, n));
        peakTotal = Math.max(
          peakTotal,
          [...connections.values()].reduce((a, b) => a + b, 0),
        );
        await sleep(SAMPLE_EVERY_MS);
      }
    };

    await Promise.all([
      ...Array.from({ length: CONCURRENT_ORDERS }, placeOrders),
      ...Array.from({ length: CONCURRENT_READERS }, read),
      sample(),
    ]);

    const summary = {
      answers: Object.fromEntries(answers.counts),
      peak: Object.fromEntries(peak),
      peakTotal,
      // Not asserted: a pool saturated past the probe's timeout rightly reads as not ready.
      readinessLost: platform.logLines(/readiness: condition not met/).length,
    };
    process.stdout.write(`connection budget burst: ${JSON.stringify(summary)}\n`);
    expect(answers.count((key) => key.endsWith(' INTERNAL'))).toBe(0);
    // Progress: orders were accepted and reads answered all along (not only UNAVAILABLE).
    expect(answers.count((key) => key === 'PlaceOrder OK')).toBeGreaterThanOrEqual(2 * 100);
    expect(answers.count((key) => key === 'GetBalance OK')).toBeGreaterThan(0);
    // Every process opened connections, and none more than its pool allows.
    expect([...peak.keys()].sort()).toEqual(Object.keys(BUDGET).sort());
    for (const [service, n] of peak)
      expect({ service, n: Math.min(n, BUDGET[service]!) }).toEqual({ service, n });
    expect(peakTotal).toBeLessThanOrEqual(Object.values(BUDGET).reduce((a, b) => a + b, 0));
  }, 120_000);

  it('exports every metric the alert rules and the Grafana dashboards query', async () => {
    // given some traffic of its own: an account, a deposit, and reads through the balance cache
    const accountId = randomUUID();
    await platform.clients.accounts.openAccount({
      accountId,
      ownerId: randomUUID(),
      kind: 'ACCOUNT_KIND_CUSTOMER',
      currency: 'EUR',
    });
    await platform.clients.accounts.depositFunds({
      accountId,
      amount: { amountMinor: '100', currency: 'EUR' },
    });
    const used = usedMetricNames(join(workspaceRoot, 'deploy'));
    const wanted = [...used.keys()].filter((name) => !PROMETHEUS_SERIES.has(name));
    // when every service is scraped, until each name appears (gauges measured every 5 s) or 30 s
    let missing: string[] = wanted;
    for (const deadline = Date.now() + 30_000; missing.length > 0 && Date.now() < deadline;) {
      await platform.getBalance(accountId).catch(() => undefined); // miss, then hits
      const exported = new Set<string>();
      for (const body of (await platform.scrapeAll()).values())
        for (const name of exposedNames(body)) exported.add(name);
      missing = wanted.filter((name) => !exported.has(name));
      if (missing.length > 0) await sleep(500);
    }
    // then no query reads a metric that no service exports
    expect(missing.map((name) => `${name} (used in ${used.get(name)!.join('; ')})`)).toEqual([]);
    expect(wanted.length).toBeGreaterThan(15);
  }, 60_000);

  describe('every service behind the call guard', () => {
    const foreign = mkdtempSync(join(tmpdir(), 'ledgerline-foreign-key-'));
    afterAll(() => rmSync(foreign, { recursive: true, force: true }));

    it('answers each kind of credential with its exact status code', async () => {
      execFileSync('node', [
        join(workspaceRoot, 'deploy/local/pki.mjs'),
        'ensure',
        '--dir',
        foreign,
      ]);
      const calls = ONE_CALL_PER_SERVICE();
      const scopeOf: Record<string, string> = {
        DepositFunds: 'funds:move',
        AuthorizePayment: 'payments:write',
        ConfirmOrder: 'orders:fulfil',
        GetBalance: 'accounts:read',
        GetPayment: 'payments:read',
        GetOrder: 'orders:read',
        GetSaga: 'ops:sagas',
      };
      const cases: [string, (scope: string) => Promise<string | undefined>, string][] = [
        ['none', () => Promise.resolve(undefined), 'UNAUTHENTICATED'],
        ['malformed', () => Promise.resolve('a.b.c'), 'UNAUTHENTICATED'],
        [
          'expired',
          (s) => mintToken({ sub: 'ops', scopes: [s, 'owners:any'], ttlSeconds: -120 }),
          'UNAUTHENTICATED',
        ],
        [
          'not yet valid',
          (s) => mintToken({ sub: 'ops', scopes: [s], notBefore: 600 }),
          'UNAUTHENTICATED',
        ],
        [
          'wrong issuer',
          (s) => mintToken({ sub: 'ops', scopes: [s], issuer: 'elsewhere' }),
          'UNAUTHENTICATED',
        ],
        [
          'wrong audience',
          (s) => mintToken({ sub: 'ops', scopes: [s], audience: 'other' }),
          'UNAUTHENTICATED',
        ],
        [
          'unknown key',
          (s) =>
            mintToken({ sub: 'ops', scopes: [s], key: join(foreign, 'jwt', 'signing-key.json') }),
          'UNAUTHENTICATED',
        ],
        [
          'wrong scope',
          () => mintToken({ sub: 'ops', scopes: ['probe:echo'] }),
          'PERMISSION_DENIED',
        ],
        // Past the guard: the ids are new, so the services answer for themselves.
        ['valid', (s) => mintToken({ sub: 'ops', scopes: [s, 'owners:any'] }), 'NOT_FOUND'],
      ];
      const seen: string[] = [];
      const expected: string[] = [];
      for (const call of calls)
        for (const [label, token, status] of cases) {
          const answer = await statusOf(
            call.client,
            platform.address(call.service),
            call.method,
            call.request,
            await token(scopeOf[call.method]!),
          );
          seen.push(`${call.service} ${label}: ${answer}`);
          expected.push(`${call.service} ${label}: ${status}`);
        }

      expect(seen).toEqual(expected);
    }, 60_000);
  });
});
