import {
  type DomainEvent,
  type PrivacyCatalog,
  type PrivacyDeclarations,
  REDACTED,
} from '@ledgerline/domain';
import { migrate, PostgresEventStore } from '@ledgerline/event-store';
import { isolatedPostgres, uniqueName } from '@ledgerline/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Pool } from 'pg';
import { personalDataCodec } from './codec';
import { postgresKeyring } from './keyring';
import { fileKek, type KeyEncryptionKey } from './kms';

type Placed = DomainEvent<
  'Placed',
  {
    readonly orderId: string;
    readonly customerId: string;
    readonly totalMinor: number;
    readonly lines: readonly { readonly sku: string; readonly description: string }[];
  }
>;
type Shipped = DomainEvent<
  'Shipped',
  { readonly orderId: string; readonly trackingNumber: string | null; readonly note: string }
>;

// Shipped names no customer: it belongs to the subject its stream was placed for.
const declarations = {
  Placed: {
    subject: (data) => data.customerId,
    fields: {
      orderId: 'safe',
      customerId: 'safe',
      lines: { each: { sku: 'safe', description: 'personal' } },
    },
  },
  Shipped: {
    subject: () => undefined,
    fields: { orderId: 'safe', trackingNumber: 'personal', note: 'personal' },
  },
} satisfies PrivacyDeclarations<Placed | Shipped>;
const catalog = declarations as unknown as PrivacyCatalog;

const ADA_TEXT = 'Ada Lovelace gift wrap';
const ADA_TRACKING = 'ADA-TRACK-0001';
const BOB_TEXT = 'Bob Babbage engine parts';

describe('personal fields sealed in the event store, forgotten by deleting the key', () => {
  let pool: Pool;
  let schema: string;
  let drop: () => Promise<void>;
  let dir: string;
  let kek: KeyEncryptionKey;
  let store: PostgresEventStore;
  const ada = uniqueName('ada');
  const bob = uniqueName('bob');
  const adaOrder = `order-${uniqueName('a')}`;
  const bobOrder = `order-${uniqueName('b')}`;

  const storeWith = (cacheTtlMs = 60_000, withCodec = true): PostgresEventStore =>
    new PostgresEventStore({
      pool,
      schema,
      ...(withCodec && {
        codec: personalDataCodec({
          keyring: postgresKeyring({ pool, schema, kek, cacheTtlMs }),
          catalog,
        }),
      }),
    });

  const rawData = async (): Promise<string> => {
    const { rows } = await pool.query<{ data: string }>(
      `SELECT data::text AS data FROM "${schema}".events`,
    );
    return rows.map((row) => row.data).join('\n');
  };

  beforeAll(async () => {
    ({ pool, schema, drop } = await isolatedPostgres('privacy'));
    await migrate(pool, { schema });
    dir = await mkdtemp(join(tmpdir(), 'ledgerline-kek-'));
    kek = await fileKek(join(dir, 'kek'), { createIfMissing: true });
    store = storeWith();
    await store.append(
      adaOrder,
      [
        {
          type: 'Placed',
          data: {
            orderId: 'a',
            customerId: ada,
            totalMinor: 3000,
            lines: [{ sku: 'MUG', description: ADA_TEXT }],
          },
        },
        {
          type: 'Shipped',
          data: { orderId: 'a', trackingNumber: ADA_TRACKING, note: 'leave at door' },
        },
      ],
      { expectedVersion: 'no_stream' },
    );
    await store.append(
      bobOrder,
      [
        {
          type: 'Placed',
          data: {
            orderId: 'b',
            customerId: bob,
            totalMinor: 500,
            lines: [{ sku: 'GEAR', description: BOB_TEXT }],
          },
        },
      ],
      { expectedVersion: 'no_stream' },
    );
  });
  afterAll(async () => {
    await drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores personal fields only as ciphertext with their key id, ids and money as they are', async () => {
    const raw = await rawData();
    for (const text of [ADA_TEXT, ADA_TRACKING, BOB_TEXT, 'leave at door'])
      expect(raw).not.toContain(text);
    expect(raw).toContain('enc:v1:');
    expect(raw).toContain('"totalMinor": 3000');
    expect(raw).toContain(ada);
    const { rows } = await pool.query<{ subject_id: string; wrapped_key: Buffer }>(
      `SELECT subject_id, wrapped_key FROM "${schema}".data_keys ORDER BY subject_id`,
    );
    expect(rows.map((row) => row.subject_id).sort()).toEqual([ada, bob].sort());
    expect(rows.every((row) => row.wrapped_key.length === 12 + 32 + 16)).toBe(true);
  });

  it('reads plaintext back on every read path, in this process and in a fresh one', async () => {
    for (const reader of [store, storeWith()]) {
      const [placed, shipped] = await reader.readStream(adaOrder);
      expect(placed!.data).toMatchObject({ lines: [{ sku: 'MUG', description: ADA_TEXT }] });
      expect(shipped!.data).toEqual({
        orderId: 'a',
        trackingNumber: ADA_TRACKING,
        note: 'leave at door',
      });
      const all = await reader.readAll();
      expect(all.events.map((event) => event.data)).toContainEqual(
        expect.objectContaining({ lines: [{ sku: 'GEAR', description: BOB_TEXT }] }),
      );
    }
  });

  it('a store without the codec (the relay set to ciphertext) reads only sealed values', async () => {
    const { events } = await storeWith(0, false).readAll();
    const text = JSON.stringify(events.map((event) => event.data));
    expect(text).not.toContain(ADA_TEXT);
    expect(text).toContain('enc:v1:');
  });

  it('a retried append hands back plaintext', async () => {
    const idempotency = { key: uniqueName('k') };
    const event = { type: 'Shipped', data: { orderId: 'b', trackingNumber: 'BOB-1', note: 'n' } };
    await store.append(bobOrder, [event], { expectedVersion: 'any', idempotency });
    const retried = await storeWith().append(bobOrder, [event], {
      expectedVersion: 'any',
      idempotency,
    });
    expect(retried.replayed).toBe(true);
    expect(retried.events[0]!.data).toEqual(event.data);
  });

  it('after forgetting a subject its fields read as the marker everywhere; the other subject is untouched', async () => {
    await pool.query(
      `INSERT INTO "${schema}".snapshots (stream_id, version, position, state, state_version)
       VALUES ($1, 2, 2, '{"lines":"plaintext"}', 1)`,
      [adaOrder],
    );
    // Another process's cache expires at once (TTL 0), so it sees the forget immediately.
    const other = storeWith(0);
    const forgotten = await postgresKeyring({ pool, schema, kek }).forget(ada);
    expect(forgotten).toEqual({ alreadyForgotten: false, streams: [adaOrder] });

    const [placed, shipped] = await other.readStream(adaOrder);
    expect(placed!.data).toEqual({
      orderId: 'a',
      customerId: ada,
      totalMinor: 3000,
      lines: [{ sku: 'MUG', description: REDACTED }],
    });
    expect(shipped!.data).toEqual({ orderId: 'a', trackingNumber: REDACTED, note: REDACTED });
    const [bobPlaced] = await other.readStream(bobOrder);
    expect(bobPlaced!.data).toMatchObject({ totalMinor: 500, lines: [{ description: BOB_TEXT }] });
    const { rows } = await pool.query(`SELECT 1 FROM "${schema}".snapshots WHERE stream_id = $1`, [
      adaOrder,
    ]);
    expect(rows).toEqual([]);
    const { rows: keys } = await pool.query<{ wrapped_key: Buffer | null }>(
      `SELECT wrapped_key FROM "${schema}".data_keys WHERE subject_id = $1`,
      [ada],
    );
    expect(keys).toEqual([{ wrapped_key: null }]);
  });

  it('a forgotten subject’s later personal fields are stored redacted, never under a new key', async () => {
    await storeWith(0).append(
      adaOrder,
      [{ type: 'Shipped', data: { orderId: 'a', trackingNumber: 'ADA-AGAIN', note: 'again' } }],
      { expectedVersion: 'any' },
    );
    expect(await rawData()).not.toContain('ADA-AGAIN');
    const events = await storeWith(0).readStream(adaOrder);
    expect(events[events.length - 1]!.data).toEqual({
      orderId: 'a',
      trackingNumber: REDACTED,
      note: REDACTED,
    });
  });

  it('seals an append over several streams too, hands it back open and replays it by its key', async () => {
    // given two new streams of one customer written in one transaction with personal text
    const carol = uniqueName('carol');
    const first = `order-${uniqueName('m1')}`;
    const second = `order-${uniqueName('m2')}`;
    const shipped = (orderId: string, note: string) => ({
      type: 'Shipped',
      data: { orderId, trackingNumber: null, note },
    });
    const placed = (orderId: string) => ({
      type: 'Placed',
      data: { orderId, customerId: carol, totalMinor: 100, lines: [] },
    });
    const appends = [
      {
        streamId: first,
        expectedVersion: 'no_stream' as const,
        events: [placed('m1'), shipped('m1', 'ring the bell, Carol')],
      },
      {
        streamId: second,
        expectedVersion: 'no_stream' as const,
        events: [placed('m2'), shipped('m2', 'second door, Carol')],
      },
    ];
    const key = { key: `many-${uniqueName('k')}` };
    // when it is appended, and retried under the same key
    const result = await store.appendMany(appends, { idempotency: key });
    const retried = await store.appendMany(appends, { idempotency: key });
    // then the store holds only ciphertext, and both answers read the caller's text
    const raw = await rawData();
    expect(raw).not.toContain('ring the bell, Carol');
    expect(raw).not.toContain('second door, Carol');
    expect(result.streams[0]?.events[1]?.data).toMatchObject({ note: 'ring the bell, Carol' });
    expect(retried.replayed).toBe(true);
    expect(retried.streams[1]?.events[1]?.data).toMatchObject({ note: 'second door, Carol' });
    expect((await store.readStream(second))[1]?.data).toMatchObject({ note: 'second door, Carol' });
  });

  it('hands one key to concurrent first uses of a new subject', async () => {
    // given 20 subjects no key exists for yet, each used by 8 keyrings (processes) at once
    const subjects = Array.from({ length: 20 }, () => uniqueName('dave'));
    const keyrings = Array.from({ length: 8 }, () => postgresKeyring({ pool, schema, kek }));
    // when each keyring asks for each subject's key
    const keys = await Promise.all(
      subjects.map((subject) => Promise.all(keyrings.map((keyring) => keyring.keyFor(subject)))),
    );
    // then every subject's users all got the one key that was stored
    for (const used of keys) expect(new Set(used.map((key) => key?.keyId)).size).toBe(1);
  });
});
