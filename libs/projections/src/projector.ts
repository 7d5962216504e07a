import {
  type ConsumedBatch,
  type ConsumerSettings,
  type MessageProducer,
  type Messaging,
  type OutgoingMessage,
} from '@ledgerline/messaging';
import { maySetUpSchema } from '@ledgerline/event-store';
import { backoffDelay, sleep } from '@ledgerline/retry';
import { type SearchClient } from '@ledgerline/search';
import { type Pool, type PoolClient } from 'pg';
import { type AppliedBatch, applyBatch, type BatchStats, SeekRequired } from './apply-batch';
import { inBatchSpan } from './batch-span';
import { checkBrokerHistory } from './broker-history';
import { deadLetterSender } from './dead-letters';
import { errorText } from './delivery';
import { type HeadSource, measureLag, type ProjectionLag, registerLagGauges } from './lag';
import { parkingOperator, type RedriveResult } from './parking';
import {
  deadLetterTopic,
  type ElasticsearchProjection,
  type PostgresProjection,
  type TableNames,
} from './projection';
import { resetSeeks } from './reset-seeks';
import { applySearchBatch } from './search-batch';
import { migrateRuntime, type ParkedEvent, RuntimeState } from './runtime-state';
import { type RetryPolicy } from './sinks/postgres-sink';
import { schemaOfTable } from './tables';
import { openSearchSession, openSession } from './sinks/session';
import { type VisibleLagSummary, visibleLagRecorder } from './visible-lag';

export interface ProjectorLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

interface CommonSettings {
  readonly messaging: Messaging;
  /** Holds the runtime's tables (and, for a Postgres projection, the view). */
  readonly pool: Pool;
  /** Schema of the runtime tables (projection_streams, projection_offsets, projection_parked). */
  readonly schema: string;
  readonly logger: ProjectorLogger;
  /** Default `ledgerline.projection.<name>`; replicas of a projection share it. */
  readonly groupId?: string;
  readonly headSource?: HeadSource;
  /** Attempts of a throwing handler before its event is parked (default 3, 50 ms apart × 2ⁿ). */
  readonly retry?: Partial<RetryPolicy>;
  /**
   * Where a projection that has never run starts on each topic: `earliest` (default: the whole
   * topic) or `latest` (only what is published from now on — for a view whose source store is
   * new; a view that needs history is built by a rebuild from the event store instead).
   */
  readonly startAt?: 'earliest' | 'latest';
  /** How often an idle projector looks for a reset's request to read partitions again (1 s). */
  readonly resetPollMs?: number;
  /** How often lag is measured for the gauges (default 5 s); `status()` always measures. */
  readonly lagIntervalMs?: number;
  readonly consumer?: Partial<Omit<ConsumerSettings, 'groupId' | 'topics'>>;
  /** How often parked events not yet on the dead-letter topic are sent again (default 10 s). */
  readonly deadLetterSweepMs?: number;
  /** Partitions of the dead-letter topic when the runtime creates it (default 1). */
  readonly deadLetterPartitions?: number;
  /**
   * A Postgres projection with a batch path (`bulk`) applies each batch through it — one load and
   * one upsert per table instead of a statement per event — unless this is false (handlers only).
   */
  readonly bulkBatches?: boolean;
  /**
   * Called after each committed batch (tests, metrics, cache floors): `applied` holds, per stream
   * whose handler ran, the newest version the batch applied.
   */
  readonly onBatch?: (batch: {
    topic: string;
    partition: number;
    stats: BatchStats;
    applied: ReadonlyMap<string, number>;
  }) => void;
}

export type ProjectorSettings<Tables extends TableNames> = CommonSettings &
  (
    | { readonly projection: PostgresProjection<Tables>; readonly searchClient?: undefined }
    | { readonly projection: ElasticsearchProjection; readonly searchClient: SearchClient }
  );

export interface ProjectorStatus {
  readonly projection: string;
  readonly sink: 'postgres' | 'elasticsearch';
  readonly groupId: string;
  readonly running: boolean;
  readonly assigned: readonly { topic: string; partitions: readonly number[] }[];
  readonly totals: BatchStats & { batches: number };
  readonly lastError: string | null;
  readonly parked: number;
  readonly lag: ProjectionLag;
  /** Commit → visible in the view over the recent window, from the batches this process applied. */
  readonly visibleLag: VisibleLagSummary;
}

export interface Projector {
  status(): Promise<ProjectorStatus>;
  listParked(streamId?: string): Promise<ParkedEvent[]>;
  redrive(streamId?: string): Promise<RedriveResult>;
  /** Finishes the batch in progress, commits it, and leaves the group. */
  stop(): Promise<void>;
}

/**
 * Runs a projection: consumes its topics in a consumer group and applies each partition batch
 * exactly once (see docs/adr/0006-projections-exactly-once.md).
 */
export const startProjector = async <Tables extends TableNames>(
  settings: ProjectorSettings<Tables>,
): Promise<Projector> => {
  const { projection, pool, logger: log } = settings;
  const projectionLog = { projection: projection.name };
  const groupId = settings.groupId ?? `ledgerline.projection.${projection.name}`;
  const retry: RetryPolicy = { attempts: 3, baseDelayMs: 50, ...settings.retry };
  const state = new RuntimeState(settings.schema);
  const stopping = new AbortController();
  const totals = {
    applied: 0,
    duplicates: 0,
    skipped: 0,
    parked: 0,
    waiting: 0,
    alreadyApplied: 0,
    batches: 0,
  };
  let lastError: string | null = null;
  const visibleLag = visibleLagRecorder(projection.name);
  let assigned: readonly { topic: string; partitions: readonly number[] }[] = [];

  await migrateRuntime(pool, settings.schema);
  await setUp(settings);
  const admin = await settings.messaging.admin();
  const dlq = deadLetterTopic(projection.name);
  await admin.ensureTopics([{ topic: dlq, partitions: settings.deadLetterPartitions ?? 1 }]);
  // Memoised as a promise: batches of several partitions may park at the same moment.
  let producer: Promise<MessageProducer> | undefined;
  const deadLetters = deadLetterSender({
    pool,
    state,
    projection: projection.name,
    send: async (messages: readonly OutgoingMessage[]) => {
      producer ??= settings.messaging.producer();
      await (await producer).send(dlq, messages);
    },
    log: (fields, message) => log.warn({ ...projectionLog, ...fields }, message),
    sweepMs: settings.deadLetterSweepMs ?? 10_000,
  });

  try {
    if (settings.startAt === 'latest')
      for (const topic of projection.topics) {
        const ends = await admin.latestOffsets(topic);
        if (await state.startAtEnd(pool, projection.name, topic, ends))
          log.info(
            { ...projectionLog, topic, ends },
            'projector: starting at the end of the topic',
          );
      }
    await checkBrokerHistory({ admin, pool, state, projection });
  } catch (error) {
    await admin.close().catch(() => undefined);
    throw error;
  }

  const consumer = await settings.messaging.consumer({
    sessionTimeoutMs: 10_000,
    // One partition batch at a time unless tuned: each open batch transaction holds back the
    // event store's readable horizon (ADR 0004), so concurrent batches slow every relay on the
    // cluster — the checkout benchmark's end-to-end time was worse at 6 than at 1.
    partitionsConcurrently: 1,
    // The applied offsets in Postgres are the truth (sought on assignment): the broker's
    // committed offsets only feed lag tools, so they need not cost a round trip per batch.
    commitIntervalMs: 5_000,
    ...settings.consumer,
    groupId,
    topics: projection.topics,
  });

  // Kafka's committed offset is a hint: the applied offset in the view's database is the truth.
  // A batch fetched before this seek lands is filtered by the same offsets in its transaction.
  consumer.onAssignment((assignment) => {
    assigned = assignment;
    void state
      .appliedOffsets(pool, projection.name)
      .then((offsets) => {
        for (const { topic, partitions } of assignment) {
          for (const partition of partitions) {
            const row = offsets.find((o) => o.topic === topic && o.partition === partition);
            if (row) consumer.seek(topic, partition, (BigInt(row.offset) + 1n).toString());
          }
        }
        log.info({ ...projectionLog, assignment }, 'projector: partitions assigned');
      })
      .catch((error: unknown) =>
        log.warn({ ...projectionLog, err: error }, 'projector: could not seek to applied offsets'),
      );
  });

  const resets = resetSeeks({
    consumer,
    state,
    pool,
    projection: projection.name,
    assigned: () => assigned,
    log: (fields, message) => log.warn({ ...projectionLog, ...fields }, message),
    pollMs: settings.resetPollMs ?? 1_000,
  });

  const sessionDeps = {
    searchClient: settings.searchClient,
    retry,
    signal: stopping.signal,
    onRetry: (reason: string, n: number) =>
      log.warn({ ...projectionLog, reason, attempt: n }, 'projector: sink retry'),
  };

  /**
   * A Postgres batch is one transaction (the view and the checkpoints commit together); an
   * Elasticsearch batch holds no transaction while it waits on Elasticsearch (ADR 0017).
   */
  const applyOne = async (client: PoolClient, batch: ConsumedBatch): Promise<AppliedBatch> => {
    const heartbeat = () => batch.heartbeat();
    if (projection.sink === 'elasticsearch')
      return applySearchBatch({
        client,
        state,
        schema: settings.schema,
        projection,
        openSession: () => openSearchSession(projection, sessionDeps),
        messages: batch.messages,
        heartbeat,
      });
    await client.query('BEGIN');
    try {
      const applied = await applyBatch({
        client,
        state,
        projection,
        session: openSession(projection, client, sessionDeps),
        // Savepoints only once an event of the batch has failed.
        optimistic: openSession(projection, client, {
          ...sessionDeps,
          guarded: false,
          bulk: settings.bulkBatches ?? true,
        }),
        messages: batch.messages,
        heartbeat,
      });
      await client.query('COMMIT');
      return applied;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  };

  const processBatch = async (batch: ConsumedBatch) => {
    for (let attempt = 1; ; attempt += 1) {
      const client = await pool.connect().catch((error: unknown) => error as Error);
      if (client instanceof Error) {
        await failed(client, attempt, batch);
        continue;
      }
      let broken: Error | undefined;
      let reseek: SeekRequired | undefined;
      try {
        const { stats, applied, eventTimes } = await inBatchSpan(projection.name, batch, () =>
          applyOne(client, batch),
        );
        visibleLag.record(eventTimes);
        resets.committed(batch.topic, batch.partition);
        lastError = null;
        totals.batches += 1;
        for (const key of Object.keys(stats) as (keyof BatchStats)[]) totals[key] += stats[key];
        if (stats.parked > 0 || stats.waiting > 0) {
          log.warn(
            { ...projectionLog, topic: batch.topic, partition: batch.partition, ...stats },
            'projector: events parked',
          );
          deadLetters.kick(); // after the commit: the parked rows are the truth
        }
        settings.onBatch?.({ topic: batch.topic, partition: batch.partition, stats, applied });
        return;
      } catch (error) {
        // A reset's request is not an infrastructure fault: the connection goes back to the pool.
        if (error instanceof SeekRequired) reseek = error;
        else broken = error instanceof Error ? error : new Error(String(error));
      } finally {
        client.release(broken);
      }
      if (reseek) {
        log.info(
          { ...projectionLog, topic: reseek.topic, partition: reseek.partition, to: reseek.offset },
          'projector: reset, reading the partition again',
        );
        const lost = resets.refused(reseek);
        if (lost) await failed(lost, attempt, batch);
        return; // the batch is abandoned: the partition is read again from the reset's offset
      }
      await failed(broken!, attempt, batch);
    }
  };

  /** Infrastructure failure: back off and retry the whole batch, unless stopping. */
  const failed = async (error: Error, attempt: number, batch: ConsumedBatch) => {
    lastError = errorText(error);
    if (stopping.signal.aborted) throw error; // not committed: redelivered to the next owner
    const retryInMs = backoffDelay(attempt);
    log.warn(
      {
        ...projectionLog,
        err: error,
        topic: batch.topic,
        partition: batch.partition,
        attempt,
        retryInMs,
      },
      'projector: batch failed, retrying',
    );
    await sleep(retryInMs, stopping.signal);
    await batch.heartbeat().catch(() => undefined);
  };

  const running = consumer.run(processBatch);

  let lastLag: ProjectionLag | undefined;
  let lastParked: number | undefined;
  const lag = () =>
    measureLag({ pool, state, admin, projection, headSource: settings.headSource }).then((l) => {
      lastLag = l;
      return l;
    });
  const unregister = registerLagGauges(
    projection.name,
    () => lastLag,
    () => lastParked,
  );
  const lagTimer = setInterval(() => {
    state
      .countParked(pool, projection.name)
      .then((n) => (lastParked = n))
      .catch(() => undefined); // the lag measurement below reports a broken pool
    lag().catch((error: unknown) =>
      log.warn({ ...projectionLog, err: error }, 'projector: lag measurement failed'),
    );
  }, settings.lagIntervalMs ?? 5_000);
  lagTimer.unref();

  const operator = parkingOperator({
    pool,
    schema: settings.schema,
    searchClient: settings.searchClient,
    retry,
    signal: stopping.signal,
  });
  log.info({ ...projectionLog, groupId, topics: projection.topics }, 'projector: started');

  return {
    async status() {
      return {
        projection: projection.name,
        sink: projection.sink,
        groupId,
        running: !stopping.signal.aborted,
        assigned,
        totals: { ...totals },
        lastError,
        parked: (await operator.listParked(projection.name)).length,
        lag: await lag(),
        visibleLag: visibleLag.summary(),
      };
    },
    listParked: (streamId) => operator.listParked(projection.name, streamId),
    redrive: (streamId) => operator.redrive(projection, streamId),
    async stop() {
      if (stopping.signal.aborted) return;
      clearInterval(lagTimer);
      resets.stop();
      unregister();
      // Closing waits for the batch in progress; only endless retries are cut short.
      const closed = consumer.close();
      setTimeout(() => stopping.abort(), 0).unref();
      await closed;
      stopping.abort();
      await running.catch(() => undefined);
      await deadLetters.stop();
      await producer?.then((p) => p.close()).catch(() => undefined);
      await admin.close().catch(() => undefined);
      log.info(projectionLog, 'projector: stopped');
    },
  };
};

const setUp = async <Tables extends TableNames>(settings: ProjectorSettings<Tables>) => {
  if (settings.projection.sink === 'elasticsearch') {
    await settings.projection.setup?.(settings.searchClient!, settings.projection.index);
    return;
  }
  await migrateProjectionTables(settings.pool, settings.projection);
};

/**
 * Creates or migrates a PostgreSQL view's own tables (its `migrate`), in one transaction behind
 * the view's advisory lock, so replicas (and `platform db migrate`) starting together do it once.
 */
export const migrateProjectionTables = async <Tables extends TableNames>(
  pool: Pool,
  projection: Pick<PostgresProjection<Tables>, 'migrate' | 'tables' | 'name'>,
): Promise<void> => {
  const { migrate, tables, name } = projection;
  if (!migrate) return;
  // A service's own role may not change the schema: `platform db migrate` did, as its owner.
  for (const table of Object.values(tables)) {
    const schema = schemaOfTable(table);
    if (schema && !(await maySetUpSchema(pool, schema))) return;
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`projection-setup:${name}`]);
    await migrate(client, tables);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
