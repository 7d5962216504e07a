import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REDACTED } from '@ledgerline/domain';
import { PostgresEventStore } from '@ledgerline/event-store';
import { unary } from '@ledgerline/grpc';
import { ORDER_STREAM_CATEGORY, orderStreamId } from '@ledgerline/orders-domain';
import {
  fileKek,
  forgetSubject,
  type KeyEncryptionKey,
  personalDataCodec,
  postgresKeyring,
  redisScrubber,
  searchScrubber,
} from '@ledgerline/privacy';
import { rebuild, type ReplayDeps, reset } from '@ledgerline/replay';
import { createSearchClient, type SearchClient } from '@ledgerline/search';
import { servers } from '@ledgerline/testing';
import { readCategory } from '@ledgerline/testing-kafka';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { type OrdersProcesses, startOrdersProcesses } from '../fixtures/orders-processes';
import { newOrder, orderLine } from '../fixtures/orders-stack';

// A customer's orders carry personal text in every personal field (line descriptions, a cancel
// reason, carrier and tracking number). The relay publishes ciphertext (its default); the
// projector opens it. After the customer is forgotten, none of that text is left in the views, the
// search index, the cache, Kafka or a rebuild, while totals and the other customer's orders stay
// as they were; and none of it was ever in the services' logs, written at debug level.

const ADA = {
  mug: `Ada's engraved mug ${randomUUID()}`,
  reason: `moving to Analytical Row ${randomUUID()}`,
  carrier: `Ada Courier ${randomUUID()}`,
  tracking: `ADA-${randomUUID()}`,
};
const BOB = { saucer: `Bob's saucer ${randomUUID()}` };
const adaTexts = Object.values(ADA);

let stack: OrdersProcesses;
let store: PostgresEventStore;
let dir: string;
let kek: KeyEncryptionKey;
let pool: Pool;
let search: SearchClient;
let redis: Redis;
let kafka: Awaited<ReturnType<typeof readCategory>>;
const ada = randomUUID();
const bob = randomUUID();
const orders: { ada: string[]; bob: string[] } = { ada: [], bob: [] };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ledgerline-privacy-'));
  const kekFile = join(dir, 'kek');
  kek = await fileKek(kekFile, { createIfMissing: true });
  // The services as processes of their own, logging everything down to debug (where payloads
  // would show first), so the scan below reads what a log collector would be handed.
  stack = await startOrdersProcesses({
    env: { PRIVACY_KEK_FILE: kekFile, PRIVACY_KEY_CACHE_MS: '0', LOG_LEVEL: 'debug' },
  });
  const env = await servers();
  // A rebuild holds a connection through its freeze while it catches up and compares on others.
  pool = new Pool({ connectionString: env.postgresUrl, max: 10 });
  // The orders event store as its service reads it: personal fields opened with the master key.
  store = new PostgresEventStore({
    pool,
    schema: stack.sourceSchema,
    codec: personalDataCodec({
      keyring: postgresKeyring({ pool, schema: stack.sourceSchema, kek, cacheTtlMs: 0 }),
    }),
  });
  search = createSearchClient(env.elasticsearchUrl);
  redis = new Redis(env.redisUrl);
}, 60_000);
afterAll(async () => {
  await kafka?.close();
  redis?.disconnect();
  await search?.close();
  await pool?.end();
  await stack?.stop();
  await rm(dir, { recursive: true, force: true });
}, 30_000);

const get = (orderId: string) =>
  unary(stack.queries, 'GetOrder', { orderId }, { deadlineMs: 10_000 });

/** Every row of the read schema as text, every document of the index, every cache entry. */
const viewsText = async (): Promise<string> => {
  const { rows: tables } = await pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1`,
    [stack.readSchema],
  );
  const parts: string[] = [];
  for (const { table_name: table } of tables) {
    const { rows } = await pool.query<{ row: string }>(
      `SELECT t::text AS row FROM "${stack.readSchema}"."${table}" t`,
    );
    parts.push(...rows.map((r) => r.row));
  }
  await search.indices.refresh({ index: stack.searchAlias });
  const docs = await search.search({
    index: stack.searchAlias,
    size: 1_000,
    query: { match_all: {} },
  });
  parts.push(JSON.stringify(docs.hits.hits.map((hit) => hit._source)));
  for (const key of await redis.keys(`ledgerline:${stack.cacheNamespace}:*`)) {
    if ((await redis.type(key)) === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
  }
  return parts.join('\n');
};

const rawEventsText = async (): Promise<string> => {
  const { rows } = await pool.query<{ data: string }>(
    `SELECT data::text AS data FROM "${stack.sourceSchema}".events`,
  );
  return rows.map((r) => r.data).join('\n');
};

/** Replay's dependencies, opening sealed fields with the platform's master key. */
const replayDeps = (): ReplayDeps => ({
  pool,
  messaging: stack.namespace.messaging,
  searchClient: search,
  codecFor: (schema) =>
    personalDataCodec({ keyring: postgresKeyring({ pool, schema, kek, cacheTtlMs: 0 }) }),
});

/** A view of the stack as replay addresses it. */
const replayable = (view: OrdersProcesses['definition']['views'][number]) => ({
  projection: view.projection,
  runtimeSchema: stack.readSchema,
  source: { schema: stack.sourceSchema, categories: [ORDER_STREAM_CATEGORY] },
});

describe('a customer forgotten', () => {
  it('places, cancels and ships orders with personal text: stored and published sealed, served in plaintext', async () => {
    const placed = newOrder({ customerId: ada, lines: [orderLine({ description: ADA.mug })] });
    await stack.orders.placeOrder(placed);
    await stack.orders.cancelOrder({ orderId: placed.orderId, reason: ADA.reason });
    const shipped = newOrder({
      customerId: ada,
      lines: [orderLine({ description: ADA.mug, quantity: 3 })],
    });
    await stack.orders.placeOrder(shipped);
    await stack.orders.confirmOrder({ orderId: shipped.orderId, paymentId: randomUUID() });
    await stack.orders.markOrderShipped({
      orderId: shipped.orderId,
      carrier: ADA.carrier,
      trackingNumber: ADA.tracking,
    });
    orders.ada.push(placed.orderId, shipped.orderId);
    const other = newOrder({ customerId: bob, lines: [orderLine({ description: BOB.saucer })] });
    await stack.orders.placeOrder(other);
    orders.bob.push(other.orderId);

    const raw = await rawEventsText();
    for (const text of [...adaTexts, BOB.saucer]) expect(raw).not.toContain(text);
    // The decider saw plaintext: the stream reads back what was written.
    const [placedEvent] = await store.readStream(orderStreamId(placed.orderId));
    expect(placedEvent!.data).toMatchObject({ lines: [{ description: ADA.mug }] });

    // A raw consumer of the topic, from its beginning (one joining while the services' own groups
    // form may sit unassigned, so it starts once they have).
    kafka = await readCategory(ORDER_STREAM_CATEGORY, undefined, { namespace: stack.namespace });
    const published = await kafka.waitForDistinct(6);
    const onTheWire = JSON.stringify(published.map((event) => event.data));
    for (const text of [...adaTexts, BOB.saucer]) expect(onTheWire).not.toContain(text);
    expect(onTheWire).toContain('enc:v1:');

    const view = await eventuallyGet(
      shipped.orderId,
      (order) => order.status === 'ORDER_STATUS_SHIPPED',
    );
    expect(view).toMatchObject({
      totalMinor: '3750',
      carrier: ADA.carrier,
      trackingNumber: ADA.tracking,
      lines: [{ description: ADA.mug }],
    });
    await eventuallyGet(placed.orderId, (order) => order.status === 'ORDER_STATUS_CANCELLED');
    await eventuallyGet(other.orderId, () => true);
    await eventuallyIndexed([...orders.ada, ...orders.bob]);
    expect(await viewsText()).toContain(ADA.mug);
  }, 60_000);

  it('after forget: no plaintext in views, index, cache, events or Kafka; totals and the other customer unchanged', async () => {
    const outcome = await forgetSubject(
      {
        pool,
        kek,
        schemas: [stack.sourceSchema],
        viewSchemas: [stack.readSchema],
        scrubbers: [
          searchScrubber(search, stack.searchAlias),
          redisScrubber((await servers()).redisUrl),
        ],
      },
      ada,
      { actor: 'test' },
    );
    expect(outcome.contexts).toEqual([
      { schema: stack.sourceSchema, alreadyForgotten: false, streams: 2 },
    ]);
    expect(outcome.scrubbedRows).toBeGreaterThan(0);

    const after = await viewsText();
    for (const text of adaTexts) expect(after).not.toContain(text);
    expect(after).toContain(BOB.saucer);
    expect(after).toContain(REDACTED);

    const shipped = (await get(orders.ada[1]!)).order!;
    expect(shipped).toMatchObject({
      totalMinor: '3750',
      carrier: REDACTED,
      trackingNumber: REDACTED,
      lines: [{ description: REDACTED, quantity: 3 }],
    });
    expect((await get(orders.bob[0]!)).order).toMatchObject({
      lines: [{ description: BOB.saucer }],
    });

    const [placedEvent] = await store.readStream(orderStreamId(orders.ada[0]!));
    expect(placedEvent!.data).toMatchObject({
      totalMinor: 2500,
      lines: [{ description: REDACTED }],
    });
    for (const text of adaTexts) expect(await rawEventsText()).not.toContain(text);
    const wire = JSON.stringify(kafka.events().map((event) => event.data));
    for (const text of adaTexts) expect(wire).not.toContain(text);
  }, 60_000);

  it('a rebuild of every view from the event store still shows only the marker', async () => {
    const deps = replayDeps();
    for (const view of stack.definition.views) {
      const summary = await rebuild(deps, replayable(view));
      // The rebuilt copy equals the scrubbed live one: the scrub wrote what a rebuild writes.
      expect(summary.verification?.equal).toBe(true);
    }
    const rebuilt = await viewsText();
    for (const text of adaTexts) expect(rebuilt).not.toContain(text);
    expect(rebuilt).toContain(BOB.saucer);
    expect((await get(orders.ada[1]!)).order).toMatchObject({
      totalMinor: '3750',
      carrier: REDACTED,
    });
  }, 90_000);

  it('a reset of every Postgres view to the start replays only the marker, from Kafka', async () => {
    // when every Postgres view starts again from nothing and its projector replays the topic
    for (const view of stack.definition.views)
      if (view.projection.sink === 'postgres')
        await reset(replayDeps(), replayable(view), { kind: 'start' });
    // (cached orders dropped, so reads below come from the replayed views)
    const cached = await redis.keys(`ledgerline:${stack.cacheNamespace}:*`);
    if (cached.length > 0) await redis.del(...cached);
    // then the customer's orders come back with the marker, the other customer's with its text
    await eventuallyGet(
      orders.ada[1]!,
      (order) => order.status === 'ORDER_STATUS_SHIPPED' && order.carrier === REDACTED,
    );
    await eventuallyGet(orders.bob[0]!, (order) => order.lines[0]?.description === BOB.saucer);
    const replayed = await viewsText();
    for (const text of adaTexts) expect(replayed).not.toContain(text);
    expect(replayed).toContain(BOB.saucer);
  }, 90_000);
});

describe('the logs of the services', () => {
  it('hold none of the personal text written, served, forgotten and replayed above', async () => {
    // given every line both services wrote to stdout and stderr, their shutdown included
    await stack.stopServices();
    const logs = stack.logs();
    // (both services', at debug level: entries below the default level would be scanned too)
    expect(logs).toContain('"service":"orders"');
    expect(logs).toContain('"service":"orders-query"');

    // then no personal text of either customer is in them, only the redaction marker at most
    for (const text of [...adaTexts, BOB.saucer]) expect(logs).not.toContain(text);
  }, 60_000);
});

type Order = NonNullable<Awaited<ReturnType<typeof get>>['order']>;

const eventuallyGet = async (orderId: string, ready: (order: Order) => boolean): Promise<Order> => {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const order = await get(orderId).then(
      (response) => response.order,
      () => undefined,
    );
    if (order && ready(order)) return order;
    if (Date.now() > deadline) throw new Error(`order ${orderId} did not reach the view`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const eventuallyIndexed = async (orderIds: readonly string[]): Promise<void> => {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await search.indices.refresh({ index: stack.searchAlias });
    const { count } = await search.count({
      index: stack.searchAlias,
      query: { ids: { values: [...orderIds] } },
    });
    if (count === orderIds.length) return;
    if (Date.now() > deadline) throw new Error('orders did not reach the index');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};
