import { type TopicSpec } from '@ledgerline/messaging';

/**
 * One topic per stream category: `ledgerline.<category>.events`, e.g. `ledgerline.account.events`.
 * The message key is the stream id, so a stream's events share a partition and keep their order.
 */
export const topicForCategory = (category: string): string => `ledgerline.${category}.events`;

export interface CategoryTopicOptions {
  readonly partitions?: number;
  /** How long the broker keeps events; the event store stays the source of truth beyond it. */
  readonly retentionMs?: number;
}

export const categoryTopicSpec = (
  category: string,
  options: CategoryTopicOptions = {},
): TopicSpec => ({
  topic: topicForCategory(category),
  partitions: options.partitions ?? 6,
  configs: {
    'cleanup.policy': 'delete',
    'retention.ms': String(options.retentionMs ?? 7 * 24 * 3_600_000),
    // With one broker there is one replica; a production cluster raises both together.
    'min.insync.replicas': '1',
  },
});
