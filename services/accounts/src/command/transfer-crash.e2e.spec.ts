import * as grpc from '@grpc/grpc-js';
import { type AccountsClient, createAccountsClient } from '@ledgerline/accounts-client';
import { accountDecider, type AccountEvent, type AccountState } from '@ledgerline/accounts-domain';
import { accountBalancesProjection, getBalance } from '@ledgerline/accounts-views';
import { fold } from '@ledgerline/domain';
import { PostgresEventStore, type RecordedEvent, START } from '@ledgerline/event-store';
import { RpcError } from '@ledgerline/grpc';
import { type accountsV1 } from '@ledgerline/proto';
import { freePort, servers, startProcess, type TestProcess, uniqueName } from '@ledgerline/testing';
import { postgresView, viewHarness } from '@ledgerline/testing-projections';
import { Pool } from 'pg';
import { newId, usd } from '../fixtures/accounts-service';

// 50 transfers around a ring of 50 accounts, each sent twice at once under one idempotency key,
// while the service process is SIGKILLed and started again. Clients retry what the crash left
// unanswered, with the same key. Afterwards: money is conserved exactly, every transfer is
// recorded once, each leg beside the other in one transaction, and the balances view (fed every
// recorded event through Kafka) shows what folding each stream gives.

const RING = 50;
const OPENING_BALANCE = 1_000;
const RETRYABLE = new Set([
  grpc.status.UNAVAILABLE,
  grpc.status.DEADLINE_EXCEEDED,
  grpc.status.ABORTED,
  grpc.status.RESOURCE_EXHAUSTED,
  grpc.status.CANCELLED,
]);

let schema: string;
let port: number;
let postgresUrl: string;
let pool: Pool;
let store: PostgresEventStore;
let service: TestProcess | undefined;
let client: AccountsClient;

const startService = async (): Promise<TestProcess> => {
  const started = await startProcess('services/accounts/src/fixtures/accounts.process.ts', {
    ACCOUNTS_SCHEMA: schema,
    GRPC_PORT: String(port),
    POSTGRES_URL: postgresUrl,
    RELAY_ENABLED: 'false',
    LOG_LEVEL: 'info',
  });
  try {
    await started.waitForOutput(/gRPC server listening/, 60_000);
  } catch (error) {
    await started.kill('SIGKILL');
    throw error;
  }
  return started;
};

beforeAll(async () => {
  ({ postgresUrl } = await servers());
  schema = uniqueName('accounts_crash');
  port = await freePort();
  service = await startService();
  pool = new Pool({ connectionString: postgresUrl, max: 4 });
  store = new PostgresEventStore({ pool, schema });
  client = createAccountsClient(`127.0.0.1:${port}`, { retries: 0, deadlineMs: 5_000 });
}, 90_000);
afterAll(async () => {
  client?.close();
  await service?.kill('SIGTERM');
  await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool?.end();
});

let retriedUnavailable = 0;

/** Sends until answered: a crash's UNAVAILABLE (and the like) is retried with the same key. */
const untilAnswered = async (
  request: accountsV1.TransferFundsRequest,
): Promise<accountsV1.TransferFundsResponse__Output> => {
  const giveUpAt = Date.now() + 60_000;
  for (;;) {
    try {
      return await client.transferFunds(request);
    } catch (error) {
      if (!(error instanceof RpcError) || !RETRYABLE.has(error.code) || Date.now() > giveUpAt)
        throw error;
      if (error.code === grpc.status.UNAVAILABLE) retriedUnavailable++;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    }
  }
};

const everyEvent = async (): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (let after = START; ;) {
    const page = await store.readAll({ after, limit: 1_000 });
    if (page.events.length === 0) return events;
    events.push(...page.events);
    after = page.checkpoint;
  }
};

it('keeps every transfer whole and the money conserved across a SIGKILL', async () => {
  const accounts = Array.from({ length: RING }, () => newId());
  for (const accountId of accounts) {
    await client.openAccount({
      accountId,
      ownerId: newId(),
      kind: 'ACCOUNT_KIND_CUSTOMER',
      currency: 'USD',
    });
    await client.depositFunds({ accountId, amount: usd(OPENING_BALANCE) });
  }
  const transfers = accounts.map((fromAccountId, i) => ({
    fromAccountId,
    toAccountId: accounts[(i + 1) % RING]!,
    amount: usd(1 + ((i * 37) % 500)),
    reference: `ring ${i}`,
    idempotencyKey: newId(),
  }));

  let answered = 0;
  const calls = transfers.flatMap((transfer) =>
    [0, 1].map(() => untilAnswered(transfer).finally(() => answered++)),
  );
  // Kill once the first answers are in: the rest are queued, deciding or committing.
  while (answered < 6) await new Promise((resolve) => setTimeout(resolve, 2));
  const killed = service!;
  service = undefined;
  expect(await killed.kill('SIGKILL')).toBe('SIGKILL');
  const answeredBeforeRestart = answered;
  service = await startService();
  const responses = await Promise.all(calls);

  expect(answeredBeforeRestart).toBeLessThan(2 * RING); // the crash did cut the run
  expect(retriedUnavailable).toBeGreaterThan(0);
  // Both sends of a transfer were answered with the same transfer, in the same transaction.
  for (let i = 0; i < RING; i++) {
    const [first, second] = [responses[2 * i]!, responses[2 * i + 1]!];
    expect(second.transferId).toBe(first.transferId);
    expect(second.sourceReceipt?.transactionId).toBe(first.sourceReceipt?.transactionId);
  }

  const events = (await everyEvent()).filter((e) => e.streamId.startsWith('account-'));
  const outs = events.filter((e) => e.type === 'FundsTransferredOut');
  const ins = events.filter((e) => e.type === 'FundsTransferredIn');
  // Each transfer recorded once: one Out per idempotency key, and its In in the same transaction.
  expect(outs).toHaveLength(RING);
  expect(ins).toHaveLength(RING);
  expect(new Set(outs.map((e) => e.metadata.idempotencyKey))).toEqual(
    new Set(transfers.map((t) => t.idempotencyKey)),
  );
  const transferIdOf = (e: RecordedEvent) => (e.data as { transferId: string }).transferId;
  for (const out of outs) {
    const legs = events.filter((e) => e.transactionId === out.transactionId);
    expect(legs.map((e) => e.type)).toEqual(['FundsTransferredOut', 'FundsTransferredIn']);
    expect(transferIdOf(legs[1]!)).toBe(transferIdOf(out));
  }

  // Conservation: the folded balances add up to what was deposited, and each account moved
  // exactly what its two transfers say.
  const folded = new Map<string, AccountState>();
  for (const accountId of accounts)
    folded.set(
      accountId,
      fold(
        accountDecider,
        events.filter((e) => e.streamId === `account-${accountId}`) as unknown as AccountEvent[],
      ),
    );
  const balanceOf = (accountId: string) => {
    const state = folded.get(accountId);
    return state && state.status !== 'none' ? state.balance : Number.NaN;
  };
  const total = accounts.reduce((sum, accountId) => sum + balanceOf(accountId), 0);
  expect(total).toBe(RING * OPENING_BALANCE);
  accounts.forEach((accountId, i) => {
    const sent = Number(transfers[i]!.amount.amountMinor);
    const received = Number(transfers[(i + RING - 1) % RING]!.amount.amountMinor);
    expect(balanceOf(accountId)).toBe(OPENING_BALANCE - sent + received);
  });

  // The balances view, fed every recorded event, shows the fold.
  const views = await viewHarness('transfer_views', (topic, viewSchema) => [
    postgresView(
      accountBalancesProjection({
        name: uniqueName('balances'),
        topics: [topic],
        tables: { balances: `${viewSchema}.balances_v1` },
      }),
    ),
  ]);
  try {
    await views.publish(events);
    for (const accountId of accounts) {
      const row = await getBalance(
        views.pool,
        { balances: `${views.schema}.balances_v1` },
        accountId,
      );
      expect(row).toMatchObject({ balance: balanceOf(accountId), reserved: 0 });
    }
  } finally {
    await views.close();
  }
}, 180_000);
