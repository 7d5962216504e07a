import { toCloudEventMessage } from '@ledgerline/cloud-events';
import { type RecordedEvent } from '@ledgerline/event-store';
import { type JsonSchema } from './json-schema';

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  ce_specversion: 'CloudEvents version: always 1.0.',
  ce_id: 'The event id (a UUID): deduplicate on it.',
  ce_type: 'The event type, e.g. PaymentCreated.',
  ce_source: 'The publishing service, ledgerline/<service>.',
  ce_subject: 'The stream id, as in the message key.',
  ce_time: 'When the event was recorded (RFC 3339).',
  'content-type': 'Of the value: application/json.',
  ce_dataschemaversion:
    'The payload schema version N: docs/events/schemas/<category>/<type>.vN.json.',
  ce_streamversion:
    "The event's version in its stream (1, 2, …): apply in order, skip what you have.",
  ce_position: "The event's global position in its store.",
  ce_transactionid: 'The writing transaction id (decimal text, may exceed 2^53).',
  ce_correlationid: 'The request the event came from.',
  ce_causationid: 'The command or event that caused it.',
  ce_actor: 'Who issued the command.',
  traceparent: 'W3C trace context of the command.',
};

const sample = (metadata: RecordedEvent['metadata']): RecordedEvent => ({
  type: 'Sample',
  data: {},
  eventId: '00000000-0000-4000-8000-000000000000',
  streamId: 'sample-1',
  streamVersion: 1,
  globalPosition: 1,
  transactionId: '1',
  schemaVersion: 1,
  metadata,
  recordedAt: new Date(0),
});

/**
 * The Kafka headers the relay sets, read off the CloudEvents encoder itself: those it always
 * writes are required, those it writes only when the event's metadata has them are optional.
 */
export const cloudEventHeadersSchema = (): JsonSchema => {
  const always = Object.keys(toCloudEventMessage(sample({}), 'ledgerline/sample').headers ?? {});
  const every = Object.keys(
    toCloudEventMessage(
      sample({ correlationId: 'c', causationId: 'c', actor: 'a', traceparent: 't' }),
      'ledgerline/sample',
    ).headers ?? {},
  );
  return {
    type: 'object',
    properties: Object.fromEntries(
      every.map((name) => [
        name,
        { type: 'string', ...(DESCRIPTIONS[name] && { description: DESCRIPTIONS[name] }) },
      ]),
    ),
    required: always,
  };
};
