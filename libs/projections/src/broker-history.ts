import { type TopicAdmin } from '@ledgerline/messaging';
import { type Pool } from 'pg';
import { type RuntimeState } from './runtime-state';

/**
 * A view's checkpoints name offsets the topic has never reached: the broker's history is not the
 * one the view was built from (the broker's data was wiped or the topic recreated, while the
 * view's database was kept). Consuming would silently drop every new message at or below the old
 * offsets, so the projector refuses to start.
 */
export class BrokerHistoryMismatch extends Error {
  constructor(
    readonly projection: string,
    readonly mismatches: readonly {
      topic: string;
      partition: number;
      applied: string;
      end: string;
    }[],
  ) {
    const first = mismatches[0]!;
    super(
      `projection ${projection}: applied offset ${first.applied} of ${first.topic}/${first.partition} ` +
        `is past the topic's end (${first.end})${mismatches.length > 1 ? ` (and ${mismatches.length - 1} more partitions)` : ''}: ` +
        `the broker's history was reset; once the relay has published again, take the view back ` +
        `with \`platform projections reset ${projection} --to <a time before the loss>\``,
    );
    this.name = 'BrokerHistoryMismatch';
  }
}

/** Throws `BrokerHistoryMismatch` when an applied offset lies at or past its partition's end. */
export const checkBrokerHistory = async (input: {
  readonly admin: TopicAdmin;
  readonly pool: Pool;
  readonly state: RuntimeState;
  readonly projection: { readonly name: string; readonly topics: readonly string[] };
}): Promise<void> => {
  const applied = await input.state.appliedOffsets(input.pool, input.projection.name);
  const mismatches: { topic: string; partition: number; applied: string; end: string }[] = [];
  for (const topic of input.projection.topics) {
    const rows = applied.filter((row) => row.topic === topic);
    if (rows.length === 0) continue;
    const ends = await input.admin.latestOffsets(topic);
    for (const row of rows) {
      const end = ends.find((e) => e.partition === row.partition)?.offset ?? '0';
      if (BigInt(row.offset) >= BigInt(end))
        mismatches.push({ topic, partition: row.partition, applied: row.offset, end });
    }
  }
  if (mismatches.length > 0) throw new BrokerHistoryMismatch(input.projection.name, mismatches);
};
