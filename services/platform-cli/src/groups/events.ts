import { PostgresEventStore, type RecordedEvent } from '@ledgerline/event-store';
import { PUBLISHED_UPCASTERS } from '@ledgerline/event-contracts';
import { checkpointBefore, republish } from '@ledgerline/replay';
import {
  type Command,
  type CommandGroup,
  intOption,
  NotFound,
  stringOption,
  UsageError,
} from '../command';
import { type CliContext } from '../context';
import { count, table } from '../render';

const schemaOption = {
  name: 'schema',
  type: 'string',
  description: 'event store schema (accounts, payments, orders)',
} as const;

const storeOf = (context: CliContext, schema: string | undefined) => {
  if (!schema || !/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new UsageError(`--schema must name an event store schema, not ${schema ?? '(none)'}`);
  // Upcast as the relays do: `republish` sends, and `tail`/`show` print, the current versions.
  return new PostgresEventStore({ pool: context.pool(), schema, upcasters: PUBLISHED_UPCASTERS });
};

const eventJson = (event: RecordedEvent) => ({
  position: event.globalPosition,
  transactionId: event.transactionId,
  streamId: event.streamId,
  version: event.streamVersion,
  type: event.type,
  recordedAt: event.recordedAt.toISOString(),
  eventId: event.eventId,
  metadata: event.metadata,
  data: event.data,
});

const eventRows = (events: readonly RecordedEvent[]) =>
  table(
    ['POSITION', 'RECORDED', 'STREAM', 'V', 'TYPE'],
    events.map((e) => [
      String(e.globalPosition),
      e.recordedAt.toISOString(),
      e.streamId,
      String(e.streamVersion),
      e.type,
    ]),
  );

const tail: Command = {
  name: 'tail',
  summary: 'the newest events of a store (optionally of one category), oldest first',
  options: [
    schemaOption,
    { name: 'category', type: 'string', description: 'only this stream category' },
    { name: 'limit', type: 'string', description: 'how many', default: '20' },
  ],
  async run(parsed, context) {
    const schema = stringOption(parsed, 'schema');
    storeOf(context, schema);
    const limit = intOption(parsed, 'limit', 20, 1);
    const category = stringOption(parsed, 'category');
    const { rows } = await context
      .pool()
      .query<{ transaction_id: string; global_position: string }>(
        `SELECT transaction_id::text, global_position FROM "${schema}".events
        WHERE ($2::text IS NULL OR stream_category = $2)
        ORDER BY transaction_id DESC, global_position DESC OFFSET $1 - 1 LIMIT 1`,
        [limit, category ?? null],
      );
    const first = rows[0];
    const after = first
      ? { transactionId: first.transaction_id, position: Number(first.global_position) - 1 }
      : { transactionId: '0', position: 0 };
    const events = (
      await storeOf(context, schema).readAll({
        after,
        limit,
        ...(category ? { categories: [category] } : {}),
      })
    ).events;
    return { data: events.map(eventJson), text: eventRows(events) };
  },
};

const show: Command = {
  name: 'show',
  summary: 'one stream’s events, with their data and metadata',
  positionals: [{ name: 'stream-id', description: 'e.g. payment-<uuid>' }],
  options: [schemaOption],
  async run(parsed, context) {
    const streamId = parsed.positionals[0];
    if (!streamId) throw new UsageError('a stream id is required');
    const events = await storeOf(context, stringOption(parsed, 'schema')).readStream(streamId);
    if (events.length === 0) throw new NotFound(`stream ${streamId} has no events`);
    return {
      data: events.map(eventJson),
      text: events
        .map(
          (e) =>
            `v${e.streamVersion} ${e.type} @${e.globalPosition} ${e.recordedAt.toISOString()}\n  ${JSON.stringify(e.data)}`,
        )
        .join('\n'),
    };
  },
};

const republishCommand: Command = {
  name: 'republish',
  summary: 'publish stored events to Kafka again (relay encoding), e.g. for a new consumer',
  options: [
    schemaOption,
    { name: 'category', type: 'string', description: 'stream category to publish (required)' },
    {
      name: 'from',
      type: 'string',
      description: 'start, a position, <transactionId>/<position> or an ISO time (required)',
    },
    {
      name: 'topic',
      type: 'string',
      description: 'target topic',
      default: 'ledgerline.<category>.events',
    },
    {
      name: 'source',
      type: 'string',
      description: 'CloudEvents source',
      default: 'ledgerline/<schema>',
    },
  ],
  async run(parsed, context) {
    const schema = stringOption(parsed, 'schema');
    const store = storeOf(context, schema);
    const category = stringOption(parsed, 'category');
    const from = stringOption(parsed, 'from');
    if (!category) throw new UsageError('--category is required');
    if (!from) throw new UsageError('--from is required');
    const after = await checkpointBefore(context.pool(), schema!, from);
    const topic = stringOption(parsed, 'topic');
    const result = await republish({
      store,
      pool: context.pool(),
      messaging: context.messaging(),
      category,
      after,
      source: stringOption(parsed, 'source') ?? `ledgerline/${schema}`,
      ...(topic ? { topic } : {}),
    });
    return {
      data: result,
      text: `republished ${count(result.events)} ${category} events to ${result.topic}`,
    };
  },
};

export const eventsGroup: CommandGroup = {
  name: 'events',
  summary: 'read the event store and republish events to Kafka',
  commands: [tail, show, republishCommand],
};
