import { categoryTopicSpec } from '@ledgerline/cloud-events';
import { namespacedMessaging, type TopicSpec } from '@ledgerline/messaging';
import { deadLetterTopic } from '@ledgerline/projections';
import { type Command, type CommandGroup, stringOption } from '../command';
import { type CliContext } from '../context';
import { table } from '../render';

/**
 * Every topic the platform's processes use: one per stream category the views read (the same
 * categories the command services' relays publish) and each projector's dead-letter topic, with
 * the specs the relays and projectors would create them with.
 */
export const platformTopics = (context: CliContext): TopicSpec[] => {
  const categories = new Set(context.views().flatMap((v) => v.view.source.categories));
  return [
    ...[...categories].sort().map((category) => categoryTopicSpec(category)),
    ...context.views().map((v) => ({ topic: deadLetterTopic(v.name), partitions: 1 })),
  ];
};

const ensure: Command = {
  name: 'ensure',
  summary: 'create every platform topic that is missing and wait until each partition is served',
  options: [
    {
      name: 'prefix',
      type: 'string',
      description: 'prefix of every topic name (a platform sharing its broker)',
      default: '$KAFKA_TOPIC_PREFIX or none',
    },
  ],
  details:
    'Run before the services start (deploy/local/up.sh does), so none of them races another to ' +
    'create topics on a new broker. Existing topics are left as they are. Exit 7 when Kafka ' +
    'cannot be reached, 1 when it refuses a topic or partitions stay without a leader.',
  async run(parsed, context) {
    const prefix = stringOption(parsed, 'prefix') ?? context.env['KAFKA_TOPIC_PREFIX'] ?? '';
    const specs = platformTopics(context);
    const started = Date.now();
    const admin = await namespacedMessaging(context.messaging(), prefix).admin();
    try {
      await admin.ensureTopics(specs);
      const data = [];
      for (const spec of specs)
        data.push({
          topic: `${prefix}${spec.topic}`,
          partitions: (await admin.offsetRanges(spec.topic)).length,
        });
      const seconds = ((Date.now() - started) / 1_000).toFixed(1);
      return {
        data,
        text:
          table(
            ['TOPIC', 'PARTITIONS'],
            data.map((t) => [t.topic, String(t.partitions)]),
          ) + `\n${data.length} topics ready in ${seconds} s`,
      };
    } finally {
      await admin.close();
    }
  },
};

export const topicsGroup: CommandGroup = {
  name: 'topics',
  summary: 'the Kafka topics the platform publishes and consumes',
  commands: [ensure],
};
