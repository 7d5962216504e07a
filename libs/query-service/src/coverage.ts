import { type Checkpoint, compareCheckpoints } from '@ledgerline/event-store';

export interface PartitionEnd {
  readonly topic: string;
  readonly partition: number;
  /** The offset the next message will get, sampled after the relay was seen at or past the token. */
  readonly offset: string;
}

export interface PartitionApplied {
  readonly topic: string;
  readonly partition: number;
  /** The last offset the projection processed. */
  readonly offset: string;
  /** The greatest checkpoint of the events at or below `offset`; null when unknown. */
  readonly checkpoint: Checkpoint | null;
}

export interface ParkedAt {
  readonly topic: string;
  readonly streamId: string;
  /** Null when the parked message does not say where it stands (malformed headers). */
  readonly checkpoint: Checkpoint | null;
}

/** What a list view knows about one event source, read in this order. */
export interface CoverageFacts {
  /** The consistency token: a command's last event. */
  readonly token: Checkpoint;
  /** The source relay's checkpoint: everything at or below it is acknowledged by Kafka. */
  readonly relay: Checkpoint;
  /** Every partition of the source's topics the projection reads; undefined until sampled. */
  readonly ends: readonly PartitionEnd[] | undefined;
  readonly applied: readonly PartitionApplied[];
  readonly parked: readonly ParkedAt[];
}

export interface PartitionGap {
  readonly topic: string;
  readonly partition: number;
  readonly endOffset: string;
  readonly appliedOffset: string | undefined;
  /** Messages below the sampled end not yet processed. */
  readonly missing: number;
}

export type Coverage =
  | { readonly covered: true }
  | {
      readonly covered: false;
      /** The relay has not yet published up to the token. */
      readonly relayBehind: boolean;
      readonly partitions: readonly PartitionGap[];
      /** Parked events at or below the token (or of unknown place): the view lacks them. */
      readonly parked: readonly ParkedAt[];
    };

const atOrAbove = (checkpoint: Checkpoint | null, token: Checkpoint): boolean =>
  checkpoint !== null && compareCheckpoints(checkpoint, token) >= 0;

/**
 * Whether the view has applied every event of the source at or below `token` (ADR 0009):
 * 1. the relay's checkpoint is at or past the token, so every such event was acknowledged by
 *    Kafka before the end offsets were sampled, hence lies below them;
 * 2. in every partition, either everything below the sampled end was processed, or an event at
 *    or past the token was (the relay writes each partition in store order, so every earlier
 *    event of that partition lies below it);
 * 3. none of the processed events at or below the token was parked instead of applied.
 */
export const proveCoverage = (facts: CoverageFacts): Coverage => {
  const { token } = facts;
  const parked = facts.parked.filter(
    (row) => row.checkpoint === null || compareCheckpoints(row.checkpoint, token) <= 0,
  );
  if (compareCheckpoints(facts.relay, token) < 0 || facts.ends === undefined)
    return { covered: false, relayBehind: true, partitions: [], parked };
  const applied = new Map(facts.applied.map((row) => [`${row.topic}/${row.partition}`, row]));
  const partitions: PartitionGap[] = [];
  for (const end of facts.ends) {
    const row = applied.get(`${end.topic}/${end.partition}`);
    const next = row === undefined ? 0n : BigInt(row.offset) + 1n;
    if (next >= BigInt(end.offset) || atOrAbove(row?.checkpoint ?? null, token)) continue;
    partitions.push({
      topic: end.topic,
      partition: end.partition,
      endOffset: end.offset,
      appliedOffset: row?.offset,
      missing: Number(BigInt(end.offset) - next),
    });
  }
  if (partitions.length === 0 && parked.length === 0) return { covered: true };
  return { covered: false, relayBehind: false, partitions, parked };
};

const at = (c: Checkpoint): string => `transaction ${c.transactionId}/position ${c.position}`;

/** Why a list view cannot yet answer after `token`, for the DEADLINE_EXCEEDED message. */
export const describeGap = (
  gap: Extract<Coverage, { covered: false }>,
  facts: Pick<CoverageFacts, 'token' | 'relay'>,
  store: string,
): string => {
  const reasons: string[] = [];
  if (gap.relayBehind)
    reasons.push(`the ${store} relay has published only up to ${at(facts.relay)}`);
  for (const p of gap.partitions)
    reasons.push(
      `partition ${p.topic}/${p.partition} has ${p.missing} unprocessed messages below offset ${p.endOffset}`,
    );
  if (gap.parked.length > 0) {
    const streams = [...new Set(gap.parked.map((row) => row.streamId))].slice(0, 3).join(', ');
    reasons.push(`${gap.parked.length} events at or below it are parked (streams ${streams})`);
  }
  return `has not applied every ${store} event up to ${at(facts.token)}: ${reasons.join('; ')}`;
};
