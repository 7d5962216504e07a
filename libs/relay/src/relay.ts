import {
  categoryTopicSpec,
  type CategoryTopicOptions,
  eventContractCheckFromEnv,
  toCloudEventMessage,
  topicForCategory,
} from '@ledgerline/cloud-events';
import {
  categoryOf,
  type Checkpoint,
  type PostgresEventStore,
  type RecordedEvent,
  START,
  type Subscription,
} from '@ledgerline/event-store';
import { type Messaging, type MessageProducer, type OutgoingMessage } from '@ledgerline/messaging';
import { SpanKind, trace } from '@opentelemetry/api';
import { endWith, linkToTraceparent } from '@ledgerline/messaging';
import { type Pool } from 'pg';
import { backoffDelay, sleep } from '@ledgerline/retry';
import { categoriesLostByBroker } from './broker-history';
import { RelayCheckpoints } from './checkpoints';
import { type RelayLag } from './lag';
import { LeaderLock } from './leader-lock';

export interface RelayLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface RelaySettings {
  readonly store: PostgresEventStore;
  readonly pool: Pool;
  readonly categories: readonly string[];
  readonly messaging: Messaging;
  readonly logger: RelayLogger;
  /** CloudEvents `source` of everything this relay publishes, e.g. `ledgerline/accounts`. */
  readonly source: string;
  /** Relays with the same name share one checkpoint and one leader. Default: schema + categories. */
  readonly name?: string;
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  /** How often a standby tries to take over. */
  readonly standbyRetryMs?: number;
  readonly topics?: CategoryTopicOptions;
  /**
   * Read the next batch from PostgreSQL while Kafka acknowledges the current one (default true).
   * Batches are still sent one after another and checkpointed in order, each after its ack.
   */
  readonly readAhead?: boolean;
  /** Called after Kafka acknowledged a batch and before the checkpoint moves. */
  readonly onAcknowledged?: (events: readonly RecordedEvent[]) => void;
}

export interface RelayStatus {
  readonly name: string;
  readonly leader: boolean;
  readonly checkpoint: Checkpoint;
  readonly published: number;
  /** Events published although they did not match their schema (checked in test runs only). */
  readonly contractViolations: number;
  readonly lastError: string | undefined;
}

export interface Relay {
  status(): RelayStatus;
  lag(): Promise<RelayLag>;
  stop(): Promise<void>;
}

/** The name of a relay started without one: its checkpoint row in `<schema>.relay_checkpoints`. */
export const defaultRelayName = (schema: string, categories: readonly string[]): string =>
  `${schema}:${[...categories].sort().join(',')}`;

const tracer = trace.getTracer('@ledgerline/relay');
/** Links beyond this add little to a trace view (the SDK keeps 128 by default). */
const MAX_BATCH_LINKS = 128;

class LeadershipLost extends Error {
  override readonly name = 'LeadershipLost';
}

/**
 * The transactional outbox's relay: publishes every committed event of its categories to Kafka
 * in commit order (stream id as key, so a stream's events stay in order on one partition). The
 * checkpoint moves only after Kafka acknowledged, so a crash re-sends (duplicates) but never
 * loses. Kafka being down only pauses it: appends keep committing and the backlog drains when
 * Kafka returns. Among relays sharing a name, only the holder of the leader lock publishes.
 */
export const startRelay = async (settings: RelaySettings): Promise<Relay> => {
  const { store, logger: log } = settings;
  const name = settings.name ?? defaultRelayName(store.schema, settings.categories);
  const checkpoints = new RelayCheckpoints(settings.pool, store.schema);
  await checkpoints.ensureTable();
  const lock = new LeaderLock(settings.pool, `ledgerline-relay:${name}`);
  const stopping = new AbortController();
  const state = {
    checkpoint: await checkpoints.load(name),
    published: 0,
    contractViolations: 0,
    lastError: undefined as string | undefined,
  };
  const contracts = eventContractCheckFromEnv();
  let producer: MessageProducer | undefined;
  let subscription: Subscription | undefined;

  const closeProducer = async () => {
    const current = producer;
    producer = undefined;
    await current?.close().catch(() => undefined);
  };

  const ensureTopics = async () => {
    const admin = await settings.messaging.admin();
    try {
      await admin.ensureTopics(
        settings.categories.map((category) => categoryTopicSpec(category, settings.topics)),
      );
    } finally {
      await admin.close();
    }
  };

  const send = async (events: readonly RecordedEvent[]) => {
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const event of events) {
      const topic = topicForCategory(categoryOf(event.streamId));
      const messages = byTopic.get(topic) ?? [];
      messages.push(toCloudEventMessage(event, settings.source));
      byTopic.set(topic, messages);
    }
    producer ??= await settings.messaging.producer();
    await producer.sendMany([...byTopic].map(([topic, messages]) => ({ topic, messages })));
  };

  /** Retries until Kafka acknowledges; gives up only when stopping or no longer the leader. */
  const publishUntilAcknowledged = async (events: readonly RecordedEvent[]) => {
    for (let attempt = 1; ; attempt += 1) {
      if (stopping.signal.aborted || !(await lock.confirm())) throw new LeadershipLost();
      try {
        await send(events);
        state.lastError = undefined;
        return;
      } catch (error) {
        state.lastError = error instanceof Error ? error.message : String(error);
        const retryInMs = backoffDelay(attempt);
        log.warn(
          { relay: name, err: error, attempt, retryInMs },
          'relay: publish failed, backing off',
        );
        await closeProducer();
        await sleep(retryInMs, stopping.signal);
      }
    }
  };

  /**
   * The batch's span: a root of its own that links to the commands' spans (a batch merges events
   * of many traces). Each message's publish span (libs/messaging) is a child of its event's
   * stored context and links back here.
   */
  const publishedInSpan = (events: readonly RecordedEvent[]) => {
    const links = events
      .slice(0, MAX_BATCH_LINKS)
      .map((event) => linkToTraceparent(event.metadata.traceparent))
      .filter((link) => link !== undefined);
    return tracer.startActiveSpan(
      'relay publish',
      {
        kind: SpanKind.INTERNAL,
        root: true,
        links,
        attributes: { 'relay.name': name, 'relay.events': events.length },
      },
      (span) => endWith(span, () => publishUntilAcknowledged(events)),
    );
  };

  /**
   * With EVENT_CONTRACTS_DIR set (tools/jest-event-contracts.js does), every event is checked
   * against its published schema first. A mismatch is logged, counted and recorded for the test
   * run to fail on, and the event still goes out: holding it back would stall its whole category.
   */
  const checkContracts = async (events: readonly RecordedEvent[]) => {
    for (const violation of (await contracts?.violations(events)) ?? []) {
      state.contractViolations += 1;
      log.error(
        { relay: name, ...violation },
        'relay: publishing an event that does not match its published schema (docs/events)',
      );
    }
  };

  /** The checkpoint to publish after: START again when the broker lost what it had. */
  const resumePoint = async (): Promise<Checkpoint> => {
    const checkpoint = await checkpoints.load(name);
    const admin = await settings.messaging.admin();
    const lost = await categoriesLostByBroker({
      admin,
      store,
      categories: settings.categories,
      checkpoint,
    }).finally(() => admin.close());
    if (lost.length === 0) return checkpoint;
    // Consumers skip what they applied (stream versions), so publishing again loses nothing.
    log.error(
      { relay: name, categories: lost, checkpoint },
      'relay: the broker holds none of the events published before the checkpoint (its data ' +
        'was wiped or the topics recreated): publishing everything again from the start',
    );
    return START;
  };

  const lead = async () => {
    await ensureTopics();
    state.checkpoint = await resumePoint();
    log.info({ relay: name, checkpoint: state.checkpoint }, 'relay: leading');
    const readAhead = settings.readAhead ?? true;
    /** The batch being sent: settles once Kafka acknowledged it and its checkpoint is saved. */
    let inFlight: Promise<void> = Promise.resolve();
    const acknowledge = async (events: readonly RecordedEvent[], checkpoint: Checkpoint) => {
      await publishedInSpan(events);
      settings.onAcknowledged?.(events);
      await checkpoints.save(name, checkpoint);
      state.checkpoint = checkpoint;
      state.published += events.length;
    };
    const current = store.subscribe(
      {
        after: state.checkpoint,
        categories: settings.categories,
        batchSize: settings.batchSize ?? 5_000,
        pollIntervalMs: settings.pollIntervalMs ?? 1_000,
      },
      async (events, checkpoint) => {
        if (contracts) await checkContracts(events);
        // One batch in flight: this one is sent only after the previous one was acknowledged
        // and checkpointed (a failure of that one ends the subscription here).
        await inFlight;
        inFlight = acknowledge(events, checkpoint);
        // A batch that fails while the subscription waits for new events ends it too.
        inFlight.catch(() => void current.stop());
        if (!readAhead) await inFlight;
      },
    );
    subscription = current;
    const ended = await current.done.then(
      () => undefined,
      (error: unknown) => ({ error }),
    );
    await inFlight; // the last batch's ack and checkpoint, or why it failed
    if (ended) throw ended.error;
  };

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      try {
        if (await lock.tryAcquire()) await lead();
      } catch (error) {
        if (!(error instanceof LeadershipLost))
          log.error({ relay: name, err: error }, 'relay: stopped leading on an error');
        else if (!stopping.signal.aborted) log.warn({ relay: name }, 'relay: lost leadership');
      } finally {
        subscription = undefined;
        await closeProducer();
      }
      await sleep(settings.standbyRetryMs ?? 1_000, stopping.signal);
    }
  })();

  return {
    status: () => ({ name, leader: lock.held, ...state }),
    lag: () => store.backlog(state.checkpoint, { categories: settings.categories }),
    async stop() {
      stopping.abort();
      await subscription?.stop();
      await loop;
      await lock.release();
    },
  };
};
