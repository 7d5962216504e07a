import { type RecordedEvent } from '@ledgerline/event-store';
import { createLogger } from '@ledgerline/logging';
import {
  type ElasticsearchProjection,
  type PostgresProjection,
  type Projector,
  type ProjectorSettings,
  startProjector,
  type TableNames,
} from '@ledgerline/projections';
import { type SearchClient } from '@ledgerline/search';
import { eventually, isolatedPostgres, uniqueName } from '@ledgerline/testing';
import { type EventTopic, eventTopic } from '@ledgerline/testing-kafka';

const logger = createLogger({ service: 'view-harness', level: 'warn' });

type Common = Omit<ProjectorSettings<TableNames>, 'projection' | 'searchClient'>;
/** Starts one projection given the runtime settings: hides each projection's table types. */
export type ViewStarter = (common: Common) => Promise<Projector>;

export const postgresView =
  <Tables extends TableNames>(projection: PostgresProjection<Tables>): ViewStarter =>
  (common) =>
    startProjector({ ...common, projection });

export const searchView =
  (projection: ElasticsearchProjection, searchClient: SearchClient): ViewStarter =>
  (common) =>
    startProjector({ ...common, projection, searchClient });

/**
 * Views under test on a topic of their own, with runtime state in a schema of their own.
 * `views(topic, schema)` builds the projections (fresh names each call) reading `topic`.
 */
export const viewHarness = async (
  prefix: string,
  views: (topic: string, schema: string) => readonly ViewStarter[],
) => {
  const pg = await isolatedPostgres(prefix);
  const topic = await eventTopic(3);
  const topics = [topic];
  const lostState = `${pg.schema}_lost`;
  const start = (from: EventTopic, runtimeSchema: string) =>
    Promise.all(
      views(from.topic, pg.schema).map((startView) =>
        startView({
          messaging: from.messaging,
          pool: pg.pool,
          schema: runtimeSchema,
          groupId: uniqueName(`${prefix}-group`),
          logger,
          consumer: { sessionTimeoutMs: 6_000 },
          retry: { attempts: 2, baseDelayMs: 5 },
        }),
      ),
    );
  let projectors: Projector[] = [];
  try {
    projectors = await start(topic, pg.schema);
  } catch (error) {
    await topic.close();
    await pg.drop();
    throw error;
  }
  const stop = () => Promise.all(projectors.map((p) => p.stop()));
  const caughtUp = () =>
    eventually(async () => {
      for (const projector of projectors) {
        const status = await projector.status();
        expect(status.lag.events).toBe(0);
        expect(status.parked).toBe(0);
      }
    });
  return {
    pool: pg.pool,
    schema: pg.schema,
    projectors: () => projectors,
    async publish(events: readonly RecordedEvent[]) {
      await topic.publish(events);
      await caughtUp();
    },
    /** Everything published so far, again at new offsets (a relay re-send). */
    async republish() {
      await topic.republish();
      await caughtUp();
    },
    /**
     * Replays `events` into the same tables or indices as if the checkpoints were lost: a fresh
     * runtime schema, fresh projection names and groups, the events on a topic of their own.
     */
    async replayWithLostState(events: readonly RecordedEvent[]) {
      await stop();
      const replay = await eventTopic(1);
      topics.push(replay);
      await replay.publish(events);
      projectors = await start(replay, lostState);
      await caughtUp();
    },
    async close() {
      await stop();
      for (const t of topics) await t.close();
      await pg.pool.query(`DROP SCHEMA IF EXISTS ${lostState} CASCADE`);
      await pg.drop();
    },
  };
};

export type ViewHarness = Awaited<ReturnType<typeof viewHarness>>;

export const withHarness = async (
  harness: Promise<ViewHarness>,
  test: (views: ViewHarness) => Promise<void>,
) => {
  const views = await harness;
  try {
    await test(views);
  } finally {
    await views.close();
  }
};
