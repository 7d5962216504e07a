import { categoryOf, type Upcasters } from '@ledgerline/event-store';
import { type HeadSource } from '@ledgerline/projections';
import { defaultRelayName, topicForCategory } from '@ledgerline/relay';
import { type Pool } from 'pg';

/**
 * A bounded context whose events a query service reads: the event store schema its command
 * service writes and the categories its relay publishes (as in its CommandServiceDefinition).
 * Consistency tokens are checkpoints of one such store.
 */
export interface EventSource {
  readonly schema: string;
  readonly categories: readonly string[];
  /** Only when the command service names its relay; by default it is derived as startRelay does. */
  readonly relay?: string;
  /** The command service's upcasters, so a rebuild reads stored events as the relay publishes them. */
  readonly upcasters?: Upcasters;
}

export const relayNameOf = (source: EventSource): string =>
  source.relay ?? defaultRelayName(source.schema, source.categories);

export const topicsOf = (source: EventSource): string[] => source.categories.map(topicForCategory);

/** The source whose categories include the stream's; undefined when none does. */
export const sourceOfStream = (
  sources: readonly EventSource[],
  streamId: string,
): EventSource | undefined => {
  const category = categoryOf(streamId);
  return sources.find((source) => source.categories.includes(category));
};

/**
 * The head of a source's categories (the newest event readers can see, and its time), for the
 * projector's lag in seconds. The store's readable horizon (ADR 0004) applies, as for readers.
 */
export const sourceHead =
  (pool: Pool, source: EventSource, categories: readonly string[]): HeadSource =>
  async () => {
    const { rows } = await pool.query<{ position: string; time: Date }>(
      `SELECT global_position AS position, recorded_at AS time FROM "${source.schema}".events
        WHERE stream_category = ANY($1::text[])
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
      [categories],
    );
    const row = rows[0];
    return row
      ? { position: Number(row.position), time: row.time }
      : { position: 0, time: new Date() };
  };

/** The one source all of a projection's topics come from, if there is one (for lag seconds). */
export const headSourceFor = (
  pool: Pool,
  sources: readonly EventSource[],
  topics: readonly string[],
): HeadSource | undefined => {
  const owners = new Set<EventSource>();
  const categories: string[] = [];
  for (const topic of topics) {
    const source = sources.find((s) => topicsOf(s).includes(topic));
    if (!source) return undefined;
    owners.add(source);
    categories.push(...source.categories.filter((c) => topicForCategory(c) === topic));
  }
  const [only] = owners;
  return owners.size === 1 && only ? sourceHead(pool, only, categories) : undefined;
};
