import { randomUUID } from 'node:crypto';
import { paymentsProjection } from '@ledgerline/payments-views';
import { queryLoop } from './fixtures/query-loop';
import { foldPayments, paymentsInTable } from './fixtures/expected-payments';
import { paymentLifecycle, type Pipeline, pipelineNames, startPipeline } from './fixtures/pipeline';
import { CopyCatalog } from './catalog';
import { rebuild } from './rebuild';

describe('rebuilding a Postgres view blue-green while commands flow', () => {
  const names = pipelineNames();
  const table = `${names.readSchema}.payments_v1`;
  const projection = paymentsProjection({
    name: `${names.category}.payments`,
    topics: [names.topic],
    tables: { payments: table },
  });
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline(names);
    // The live table as version 1 first made it, without owner_id: the projector's migrate adds
    // the column, and the rebuilt copy (made with it) must still compare equal row for row.
    await pipeline.pool.query(`CREATE SCHEMA IF NOT EXISTS ${names.readSchema}`);
    await pipeline.pool.query(`
      CREATE TABLE ${table} (
        payment_id text PRIMARY KEY, order_id text NOT NULL, payer_account_id text NOT NULL,
        payee_account_id text NOT NULL, amount bigint NOT NULL, currency char(3) NOT NULL,
        status text NOT NULL, reservation_id text, captured_amount bigint NOT NULL,
        refunded_amount bigint NOT NULL, failure_reason text, created_at timestamptz NOT NULL,
        authorized_at timestamptz, captured_at timestamptz, failed_at timestamptz,
        refunded_at timestamptz, updated_at timestamptz NOT NULL, stream_version int NOT NULL)`);
    await pipeline.startLive(projection);
    await pipeline.writePayments(400);
    await pipeline.liveCaughtUp(projection.name);
  }, 60_000);
  afterAll(() => pipeline?.close());

  it('switches to a copy equal to a fresh fold of the store, no query failing, nothing missed', async () => {
    const writer = pipeline.steadyWriter(15);
    const queries = queryLoop(() =>
      pipeline.pool.query(
        `SELECT count(*), max(updated_at) FROM ${table} WHERE status = 'captured'`,
      ),
    );
    const rebuilt = rebuild(pipeline.deps, pipeline.view(projection), { batchSize: 300 });
    // Commands keep flowing after the switch too; the writer and queries stop whatever happens.
    await rebuilt.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const written = await writer.stop();
    const queried = await queries.stop();
    const summary = await rebuilt;

    expect(summary.path).toBe('bulk');
    expect(summary.verification?.equal).toBe(true);
    expect(summary.previous.target).toEqual({
      kind: 'postgres',
      tables: { payments: `${table}__g1` },
    });
    expect(written).toBeGreaterThan(0);
    expect(queried.failures).toEqual([]);
    expect(queried.ok).toBeGreaterThan(10);

    // The live projector carried on against the new copy from where it stopped.
    await pipeline.liveCaughtUp(projection.name);
    const events = await pipeline.allEvents();
    expect(await paymentsInTable(pipeline.pool, table)).toEqual(foldPayments(events));
    const copies = await new CopyCatalog(names.readSchema).list(pipeline.pool, projection.name);
    expect(copies.map((c) => [c.generation, c.status])).toEqual([
      [1, 'old'],
      [2, 'live'],
    ]);
  }, 90_000);

  it('fills the same view through the per-event handlers as through the batch path', async () => {
    // The live copy was built by the batch path above; a handler-path rebuild must verify equal.
    const summary = await rebuild(pipeline.deps, pipeline.view(projection), {
      batchSize: 500,
      forceHandlers: true,
    });
    expect(summary.path).toBe('handlers');
    expect(summary.verification?.equal).toBe(true);
    expect(summary.verification?.tables[0]?.liveRows).toBeGreaterThan(400);
    expect(summary.dropped).toEqual([1]); // retention keeps one old copy
  }, 60_000);

  it('refuses to copy sealed personal fields into the view without a keyring, unless told to', async () => {
    // given a payment that failed for a reason stored sealed, as the payments service stores it
    const paymentId = randomUUID();
    const [created] = paymentLifecycle(paymentId, 10_000, 700);
    const reason = `enc:v1:${randomUUID()}:${Buffer.from('Ada moved away').toString('base64url')}`;
    await pipeline.store.append(
      `${names.category}-${paymentId}`,
      [
        created!,
        { type: 'PaymentFailed', data: { ...created!.data, reason, reservationId: null } },
      ],
      { expectedVersion: 'no_stream' },
    );
    await pipeline.liveCaughtUp(projection.name);
    const catalog = new CopyCatalog(names.readSchema);
    const liveBefore = (await catalog.list(pipeline.pool, projection.name)).find(
      (copy) => copy.status === 'live',
    );

    // when the view is rebuilt with no keyring to open it
    const refused = rebuild(pipeline.deps, pipeline.view(projection), { batchSize: 500 });

    // then the rebuild stops, naming the setting it lacks, and the live copy stays live
    await expect(refused).rejects.toMatchObject({ kind: 'sealed-without-keyring' });
    await expect(refused).rejects.toThrow(/PaymentFailed.* no keyring .*PRIVACY_KEK_FILE/);
    const liveAfter = (await catalog.list(pipeline.pool, projection.name)).find(
      (copy) => copy.status === 'live',
    );
    expect(liveAfter?.generation).toBe(liveBefore?.generation);

    // and told to copy sealed values as stored, it copies them as the live projector did
    const copied = await rebuild(
      { ...pipeline.deps, copySealedValues: true },
      pipeline.view(projection),
      { batchSize: 500 },
    );
    expect(copied.verification?.equal).toBe(true);
    const { rows } = await pipeline.pool.query<{ failure_reason: string }>(
      `SELECT failure_reason FROM ${table} WHERE payment_id = $1`,
      [paymentId],
    );
    expect(rows).toEqual([{ failure_reason: reason }]);
  }, 60_000);
});
