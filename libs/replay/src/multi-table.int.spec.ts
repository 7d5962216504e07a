import { randomUUID } from 'node:crypto';
import { transactionHistoryProjection } from '@ledgerline/accounts-views';
import { type Pipeline, pipelineNames, startPipeline } from './fixtures/pipeline';
import { rebuild } from './rebuild';

describe('rebuilding a view of several tables through its handlers', () => {
  const names = pipelineNames();
  const tables = {
    transactions: `${names.readSchema}.transactions_v1`,
    heads: `${names.readSchema}.history_heads_v1`,
  };
  const projection = transactionHistoryProjection({
    name: `${names.category}.transaction-history`,
    topics: [names.topic],
    tables,
  });
  let pipeline: Pipeline;
  const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString();
  const writeAccounts = async (count: number) => {
    for (let i = 0; i < count; i += 1) {
      const accountId = randomUUID();
      const stream = `${names.category}-${accountId}`;
      const open = {
        accountId,
        ownerId: randomUUID(),
        kind: 'customer',
        currency: 'USD',
        at: at(1),
      };
      const deposit = (n: number) => ({
        type: 'FundsDeposited',
        data: {
          accountId,
          amount: 100,
          balance: 100 * n,
          reserved: 0,
          currency: 'USD',
          at: at(n + 1),
          reference: null,
        },
      });
      await pipeline.store.append(
        stream,
        [{ type: 'AccountOpened', data: open }, deposit(1), deposit(2), deposit(3)],
        { expectedVersion: 'no_stream' },
      );
    }
  };
  const indexesOf = async (table: string) =>
    (
      await pipeline.pool.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE i.indrelid = $1::regclass ORDER BY 1`,
        [table],
      )
    ).rows.map((row) => row.name);

  beforeAll(async () => {
    pipeline = await startPipeline(names);
    await pipeline.startLive(projection);
    await writeAccounts(40);
    await pipeline.liveCaughtUp(projection.name);
  }, 60_000);
  afterAll(() => pipeline?.close());

  it('swaps every table and its indexes under the live names, and the projector carries on', async () => {
    const before = await indexesOf(tables.transactions);
    const summary = await rebuild(pipeline.deps, pipeline.view(projection), { batchSize: 50 });
    expect(summary.path).toBe('handlers');
    expect(summary.verification?.equal).toBe(true);
    expect(
      Object.fromEntries(summary.verification!.tables.map((t) => [t.name, t.shadowRows])),
    ).toEqual({ transactions: 120, heads: 40 });
    // The promoted copy carries the live index names; a restarted service's migrate adds none.
    expect(await indexesOf(tables.transactions)).toEqual(before);
    const client = await pipeline.pool.connect();
    await projection.migrate!(client, tables).finally(() => client.release());
    expect(await indexesOf(tables.transactions)).toEqual(before);
    expect(await indexesOf(`${tables.transactions}__g1`)).toEqual(
      before.map((name) => name.replace('transactions_v1_', 'transactions_v1__g1_')),
    );

    await writeAccounts(5);
    await pipeline.liveCaughtUp(projection.name);
    const again = await rebuild(pipeline.deps, pipeline.view(projection), { batchSize: 500 });
    expect(again.verification?.equal).toBe(true);
    expect(again.verification?.tables.find((t) => t.name === 'heads')?.liveRows).toBe(45);
  }, 90_000);
});
