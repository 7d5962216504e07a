import { topicForCategory } from '@ledgerline/cloud-events';
import {
  type Checkpoint,
  compareCheckpoints,
  type PostgresEventStore,
} from '@ledgerline/event-store';
import { type TopicAdmin } from '@ledgerline/messaging';

/**
 * The categories of which the broker holds none of the events the checkpoint says were published:
 * every partition of the topic is empty (no message ever written) though the store has events of
 * the category at or before the checkpoint. That is a broker whose data was wiped, or a topic
 * deleted and created again; retention alone never resets a partition's end offset.
 */
export const categoriesLostByBroker = async (input: {
  readonly admin: TopicAdmin;
  readonly store: PostgresEventStore;
  readonly categories: readonly string[];
  readonly checkpoint: Checkpoint;
}): Promise<string[]> => {
  const lost: string[] = [];
  for (const category of input.categories) {
    const ends = await input.admin.latestOffsets(topicForCategory(category));
    if (ends.some((end) => end.offset !== '0')) continue;
    const { events } = await input.store.readAll({ limit: 1, categories: [category] });
    const first = events[0];
    if (
      first &&
      compareCheckpoints(
        { transactionId: first.transactionId, position: first.globalPosition },
        input.checkpoint,
      ) <= 0
    )
      lost.push(category);
  }
  return lost;
};
