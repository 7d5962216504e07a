import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, PostgresEventStore } from '@ledgerline/event-store';
import { createKafkaMessaging } from '@ledgerline/messaging';
import { paymentsProjection } from '@ledgerline/payments-views';
import { categoryTopicSpec } from '@ledgerline/relay';
import {
  handleInput,
  migrateSagas,
  type SagaCommand,
  type SagaDefinition,
  SagaStateCache,
  sagaTables,
} from '@ledgerline/sagas';
import { servers, uniqueName, workspaceRoot } from '@ledgerline/testing';
import { topicNamespace, type TopicNamespace } from '@ledgerline/testing-kafka';
import { Pool } from 'pg';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe('the platform CLI against the real servers', () => {
  const names = {
    readSchema: uniqueName('cli_read'),
    sourceSchema: uniqueName('cli_store'),
    projectionPrefix: uniqueName('cli'),
    topic: uniqueName('cli-republish'),
    cacheNamespace: uniqueName('cli-cache'),
  };
  const projection = `${names.projectionPrefix}.payments`;
  const viewsFile = join(tmpdir(), `${uniqueName('platform-views')}.json`);
  const streamId = `payment-${randomUUID()}`;
  let pool: Pool;
  let env: Record<string, string>;
  // The CLI runs as an operator of a platform with a KAFKA_TOPIC_PREFIX: topics of this test's own.
  let namespace: TopicNamespace;

  const platformWith = (extraEnv: Record<string, string>, ...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [join(workspaceRoot, 'tools/platform.mjs'), ...args],
        { cwd: workspaceRoot, env: { ...process.env, ...env, ...extraEnv }, timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  const platform = (...args: string[]) => platformWith({}, ...args);

  beforeAll(async () => {
    const s = await servers();
    namespace = await topicNamespace('cli');
    env = {
      POSTGRES_URL: s.postgresUrl,
      KAFKA_BROKERS: s.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: namespace.prefix,
      ELASTICSEARCH_URL: s.elasticsearchUrl,
      REDIS_URL: s.redisUrl,
      PLATFORM_VIEWS: viewsFile,
    };
    writeFileSync(
      viewsFile,
      JSON.stringify({
        payments: {
          readSchema: names.readSchema,
          sourceSchema: names.sourceSchema,
          projectionPrefix: names.projectionPrefix,
          cacheNamespace: names.cacheNamespace,
        },
      }),
    );
    pool = new Pool({ connectionString: s.postgresUrl, max: 4 });
    await migrate(pool, { schema: names.sourceSchema });
    const store = new PostgresEventStore({ pool, schema: names.sourceSchema });
    const facts = (id: string) => ({
      paymentId: id,
      orderId: `o-${id}`,
      payerAccountId: 'payer',
      payeeAccountId: 'payee',
      currency: 'EUR',
      at: '2026-01-01T00:00:00.000Z',
    });
    for (const stream of [streamId, `payment-${randomUUID()}`, `payment-${randomUUID()}`]) {
      const id = stream.slice('payment-'.length);
      await store.append(
        stream,
        [{ type: 'PaymentCreated', data: { ...facts(id), amount: 700 } }],
        {
          expectedVersion: 'no_stream',
        },
      );
      await store.append(
        stream,
        [{ type: 'PaymentAuthorized', data: { ...facts(id), amount: 700, reservationId: 'r' } }],
        { expectedVersion: 1 },
      );
    }
    // The live tables, as the payments query service creates them at start-up.
    const live = paymentsProjection({ tables: { payments: `${names.readSchema}.payments_v1` } });
    await pool.query(`CREATE SCHEMA "${names.readSchema}"`);
    const client = await pool.connect();
    await live.migrate!(client, live.tables).finally(() => client.release());
    const admin = await namespace.messaging.admin();
    await admin.ensureTopics([categoryTopicSpec('payment')]);
    await admin.close();
  }, 60_000);

  afterAll(async () => {
    await namespace.remove().catch(() => undefined);
    await pool.query(`DROP SCHEMA IF EXISTS "${names.readSchema}" CASCADE`);
    await pool.query(`DROP SCHEMA IF EXISTS "${names.sourceSchema}" CASCADE`);
    await pool.end();
  });

  it('answers --help on every level and lists the exit codes', async () => {
    const top = await platform('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(
      /exit codes:[\s\S]*4 {2}another rebuild of the projection is running/,
    );
    for (const group of ['projections', 'events', 'dlq', 'stack']) {
      const help = await platform(group, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`usage: platform ${group} <command>`);
    }
    const rebuild = await platform('projections', 'rebuild', '--help');
    expect(rebuild.stdout).toContain('--accept-differences');
    expect((await platform()).code).toBe(2); // no command: help, and a usage exit
  }, 60_000);

  it('fails in one line with an exit code that says why', async () => {
    const unknown = await platform('projections', 'status', 'no.such-view');
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(
      /^platform: error: unknown projection no\.such-view; known: .*\n$/,
    );
    const badOption = await platform('projections', 'rebuild', projection, '--frobnicate');
    expect(badOption.code).toBe(2);
    expect(badOption.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    const badNumber = await platform('projections', 'rebuild', projection, '--batch-size', 'lots');
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toContain('--batch-size must be an integer');
    const missing = await platform(
      'events',
      'show',
      '--schema',
      names.sourceSchema,
      'payment-none',
      '--json',
    );
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.stdout)).toEqual({
      error: { kind: 'not-found', code: 3, message: 'stream payment-none has no events' },
    });
  }, 60_000);

  it('rebuilds, reports, refuses a differing copy, rolls back and drops old copies', async () => {
    const list = await platform('projections', 'list', '--json');
    expect(JSON.parse(list.stdout)).toContainEqual(
      expect.objectContaining({ name: projection, sink: 'postgres' }),
    );

    const rebuilt = await platform('projections', 'rebuild', projection, '--json');
    expect(rebuilt.stderr).toBe('');
    expect(rebuilt.code).toBe(0);
    const summary = JSON.parse(rebuilt.stdout) as {
      live: { generation: number };
      events: number;
      verification: { equal: boolean };
    };
    expect(summary).toMatchObject({
      live: { generation: 2 },
      events: 6,
      verification: { equal: true },
      cache: { namespace: names.cacheNamespace, retired: true },
    });

    // A live copy changed behind the projection's back: verification refuses to switch.
    await pool.query(
      `UPDATE ${names.readSchema}.payments_v1 SET amount = 1 WHERE payment_id = $1`,
      [streamId.slice('payment-'.length)],
    );
    const refused = await platform('projections', 'rebuild', projection);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(
      /platform: error: .*differs from the live one \(payments: live 3 rows, new 3 rows, 1 only in live, 1 only in new\); not switched/,
    );

    const status = await platform('projections', 'status', projection, '--json');
    expect(status.code).toBe(0);
    const copies = (
      JSON.parse(status.stdout) as { copies: { generation: number; status: string }[] }
    ).copies;
    expect(copies.map((c) => [c.generation, c.status])).toEqual([
      [1, 'old'],
      [2, 'live'],
      [3, 'filling'],
    ]);

    const back = await platform('projections', 'rollback', projection, '--json');
    expect(back.code).toBe(0);
    expect(JSON.parse(back.stdout)).toMatchObject({
      live: { generation: 1 },
      previous: { generation: 2 },
    });

    const dropped = await platform('projections', 'drop-old', projection, '--filling', '--json');
    expect(JSON.parse(dropped.stdout)).toEqual({ projection, dropped: [2, 3] });
    const nothing = await platform('projections', 'rollback', projection);
    expect(nothing.code).toBe(3);
    expect(nothing.stderr).toContain('has no previous copy to roll back to');
  }, 120_000);

  it('reads the store, republishes it in the relay encoding and lists parked events', async () => {
    const tail = await platform(
      'events',
      'tail',
      '--schema',
      names.sourceSchema,
      '--limit',
      '2',
      '--json',
    );
    expect(tail.code).toBe(0);
    const events = JSON.parse(tail.stdout) as { type: string; position: number }[];
    expect(events.map((e) => e.position)).toEqual([5, 6]);

    const shown = await platform('events', 'show', '--schema', names.sourceSchema, streamId);
    expect(shown.stdout).toMatch(/^v1 PaymentCreated @\d+ .*\n {2}\{.*\}\nv2 PaymentAuthorized/);

    const republished = await platform(
      'events',
      'republish',
      '--schema',
      names.sourceSchema,
      '--category',
      'payment',
      '--from',
      '3',
      '--topic',
      names.topic,
      '--json',
    );
    expect(republished.code).toBe(0);
    expect(JSON.parse(republished.stdout)).toEqual({ events: 4, topic: names.topic });
    // On the broker the topic carries the platform's KAFKA_TOPIC_PREFIX, as its services' do.
    const admin = await createKafkaMessaging({
      brokers: env['KAFKA_BROKERS']!.split(','),
      clientId: 'cli-test',
    }).admin();
    const offsets = await admin.latestOffsets(`${namespace.prefix}${names.topic}`);
    const unprefixed = await admin.listTopics();
    await admin.close();
    expect(offsets.reduce((sum, p) => sum + Number(p.offset), 0)).toBe(4);
    expect(unprefixed).not.toContain(names.topic);

    const parked = await platform('dlq', 'list', projection, '--json');
    expect(parked.code).toBe(0);
    expect(JSON.parse(parked.stdout)).toEqual([]);
  }, 60_000);
  it('resets a view to a global position, refusing a target it cannot read', async () => {
    const unreadable = await platform('projections', 'reset', projection, '--to', 'yesterday');
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/^platform: error: --to must be start, .*not "yesterday"\n$/);
    const missing = await platform('projections', 'reset', projection);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--to is required');
    const nowhere = await platform('projections', 'reset', projection, '--to', '999999999');
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('there is no event at global position 999999999');

    // The store holds 3 payments, 2 events each: position 2 ends the first payment's events.
    const done = await platform('projections', 'reset', projection, '--to', '2', '--json');
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    const summary = JSON.parse(done.stdout) as {
      events: number;
      heldUpTo: { position: number };
      replay: { topic: string; from: string }[];
    };
    expect(summary.events).toBe(2);
    expect(summary.heldUpTo.position).toBe(2);
    expect(summary.replay.length).toBeGreaterThan(0);
    const { rows } = await pool.query<{ payment_id: string; status: string }>(
      `SELECT payment_id, status FROM ${names.readSchema}.payments_v1`,
    );
    expect(rows).toEqual([{ payment_id: streamId.slice('payment-'.length), status: 'authorized' }]);
    const text = await platform('projections', 'reset', projection, '--to', 'start');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /reset to the start; generation \d+ .* is live, holding the events up to 0\/0/,
    );
    expect(text.stdout).toMatch(/replaying [\d,]+ messages from Kafka/);
    expect(text.stdout).toContain(`cache ${names.cacheNamespace} retired`);

    // Switched, but Redis unreachable: the cache may serve the old copy's rows, so exit 8.
    const noRedis = await platformWith(
      { REDIS_URL: 'redis://127.0.0.1:1' },
      ...['projections', 'reset', projection, '--to', 'start'],
    );
    expect(noRedis.code).toBe(8);
    expect(noRedis.stdout).toMatch(new RegExp(`cache ${names.cacheNamespace} NOT retired \\(`));
  }, 60_000);
  it('lists, shows and retries sagas, and names an unknown one with exit code 3', async () => {
    const schema = uniqueName('cli_sagas');
    await migrateSagas(pool, schema);
    // One saga written through the runtime's own store: started, one command in its outbox.
    const definition: SagaDefinition<{ n: number }, { n: number }, SagaCommand> = {
      type: 'cli-test',
      topics: [],
      eventTypes: [],
      derivedIds: [],
      route: () => undefined,
      react: (_input, _state) => ({
        state: { n: 1 },
        status: 'compensating',
        commands: [{ step: 'undo', compensation: true }],
      }),
    };
    const sagaId = randomUUID();
    await handleInput(pool, sagaTables(schema), new SagaStateCache(), definition, {
      sagaId,
      inputId: 'event:1',
      input: { kind: 'event', event: { n: 1 } },
      starts: true,
      now: new Date(),
      claimUntil: new Date(),
      owner: 'platform-cli-test',
    });
    try {
      const listed = await platform('sagas', 'list', '--schema', schema, '--json');
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.stdout)).toEqual([
        expect.objectContaining({ sagaId, type: 'cli-test', status: 'compensating' }),
      ]);
      const filtered = await platform('sagas', 'list', '--schema', schema, '--status', 'completed');
      expect(filtered.code).toBe(0);
      expect(filtered.stdout).not.toContain(sagaId);
      const shown = await platform('sagas', 'show', sagaId, '--schema', schema);
      expect(shown.code).toBe(0);
      expect(shown.stdout).toContain(`cli-test ${sagaId}: compensating`);
      expect(shown.stdout).toContain('undo');
      expect(shown.stdout).toContain('event:1');
      const retried = await platform('sagas', 'retry', sagaId, '--schema', schema, '--json');
      expect(retried.code).toBe(0);
      expect(JSON.parse(retried.stdout)).toMatchObject({ sagaId });

      await pool.query(
        `INSERT INTO "${schema}".saga_parked_inputs (saga_id, input_id, saga_type, input, starts, error)
         VALUES ($1, 'event:2', 'cli-test', '{}', false, 'react threw')`,
        [sagaId],
      );
      const parkedInputs = await platform('sagas', 'parked', '--schema', schema, '--json');
      expect(parkedInputs.code).toBe(0);
      expect(JSON.parse(parkedInputs.stdout)).toEqual([
        expect.objectContaining({ sagaId, inputId: 'event:2', error: 'react threw', attempts: 1 }),
      ]);

      const unknown = await platform('sagas', 'show', randomUUID(), '--schema', schema);
      expect(unknown.code).toBe(3);
      expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
      const badStatus = await platform('sagas', 'list', '--schema', schema, '--status', 'done');
      expect(badStatus.code).toBe(2);
      expect(badStatus.stderr).toContain('--status must be one of');
    } finally {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  }, 60_000);
});
