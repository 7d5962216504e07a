import { type MessageConsumer, type PartitionAssignment } from '@ledgerline/messaging';
import { type Pool } from 'pg';
import { type SeekRequired } from './apply-batch';
import { type RuntimeState } from './runtime-state';

/**
 * A projector's side of a reset (ADR 0012): the reset rewinds partitions in the runtime rows
 * (`seek_to`). A batch that starts past such a request is refused inside its transaction and the
 * partition sought back (`refused`); an idle partition is sought by a poll. Seeking again is
 * harmless: stream versions skip what the view holds.
 */
export const resetSeeks = (deps: {
  readonly consumer: MessageConsumer;
  readonly state: RuntimeState;
  readonly pool: Pool;
  readonly projection: string;
  readonly assigned: () => readonly PartitionAssignment[];
  readonly log: (fields: object, message: string) => void;
  readonly pollMs: number;
}) => {
  const { consumer } = deps;
  const refusals = new Map<string, { offset: string; count: number }>();
  const polled = new Map<string, { offset: string; at: number }>();

  const pollIdle = async () => {
    for (const { topic, partition, offset } of await deps.state.pendingSeeks(
      deps.pool,
      deps.projection,
    )) {
      if (!deps.assigned().some((a) => a.topic === topic && a.partitions.includes(partition)))
        continue;
      const key = `${topic}/${partition}`;
      const recent = polled.get(key);
      if (recent?.offset === offset && Date.now() - recent.at < 5_000) continue;
      polled.set(key, { offset, at: Date.now() });
      consumer.seek(topic, partition, offset);
    }
  };
  const timer = setInterval(() => {
    pollIdle().catch((error: unknown) =>
      deps.log({ err: error }, 'projector: could not poll reset requests'),
    );
  }, deps.pollMs);
  timer.unref();

  return {
    /** Seeks as the reset asked; an error once seeking keeps landing past the offset. */
    refused(request: SeekRequired): Error | undefined {
      const key = `${request.topic}/${request.partition}`;
      const prior = refusals.get(key);
      const count = prior?.offset === request.offset ? prior.count + 1 : 1;
      refusals.set(key, { offset: request.offset, count });
      consumer.seek(request.topic, request.partition, request.offset);
      // A batch fetched before the seek took effect may still arrive once or twice.
      return count > 3
        ? new Error(
            `${key} no longer holds offset ${request.offset} (reading resumes at ` +
              `${request.batchStart}): the reset cannot replay from the broker; rebuild the ` +
              'view from the event store',
          )
        : undefined;
    },
    /** A batch of the partition committed: any request there is done, a later one may recur. */
    committed(topic: string, partition: number): void {
      refusals.delete(`${topic}/${partition}`);
      polled.delete(`${topic}/${partition}`);
    },
    stop: () => clearInterval(timer),
  };
};
