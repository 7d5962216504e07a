import { type RecordedEvent } from '@ledgerline/event-store';
import { type IncomingMessage, type OutgoingMessage } from '@ledgerline/messaging';

/**
 * CloudEvents 1.0, Kafka protocol binding, binary content mode: the event's data is the message
 * value (JSON) and its attributes travel as `ce_*` headers. Extension attributes carry what a
 * consumer needs to apply events exactly once and in order: the stream version and the global
 * position (with its transaction id).
 */
export const toCloudEventMessage = (event: RecordedEvent, source: string): OutgoingMessage => {
  const headers: Record<string, string> = {
    ce_specversion: '1.0',
    ce_id: event.eventId,
    ce_type: event.type,
    ce_source: source,
    ce_subject: event.streamId,
    ce_time: event.recordedAt.toISOString(),
    'content-type': 'application/json',
    ce_dataschemaversion: String(event.schemaVersion),
    ce_streamversion: String(event.streamVersion),
    ce_position: String(event.globalPosition),
    ce_transactionid: event.transactionId,
  };
  const { correlationId, causationId, traceparent, actor } = event.metadata;
  if (correlationId) headers['ce_correlationid'] = correlationId;
  if (causationId) headers['ce_causationid'] = causationId;
  if (actor) headers['ce_actor'] = actor;
  if (traceparent) headers['traceparent'] = traceparent;
  return { key: event.streamId, value: JSON.stringify(event.data), headers };
};

/** A published event as a consumer reads it back. */
export interface PublishedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly source: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly position: number;
  readonly transactionId: string;
  readonly schemaVersion: number;
  readonly time: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly actor?: string;
  readonly traceparent?: string;
  readonly data: unknown;
}

export class MalformedEventMessage extends Error {
  constructor(message: IncomingMessage, problem: string) {
    super(`message ${message.topic}/${message.partition}@${message.offset}: ${problem}`);
    this.name = 'MalformedEventMessage';
  }
}

const REQUIRED = [
  'ce_specversion',
  'ce_id',
  'ce_type',
  'ce_source',
  'ce_subject',
  'ce_time',
  'ce_streamversion',
  'ce_position',
] as const;

export const fromCloudEventMessage = (message: IncomingMessage): PublishedEvent => {
  const h = message.headers;
  const missing = REQUIRED.filter((name) => !h[name]);
  if (missing.length > 0)
    throw new MalformedEventMessage(message, `missing header(s) ${missing.join(', ')}`);
  if (h['ce_specversion'] !== '1.0')
    throw new MalformedEventMessage(message, `unsupported ce_specversion ${h['ce_specversion']}`);
  let data: unknown;
  try {
    data = JSON.parse(message.value?.toString() ?? 'null');
  } catch {
    throw new MalformedEventMessage(message, 'value is not JSON');
  }
  return {
    eventId: h['ce_id']!,
    type: h['ce_type']!,
    source: h['ce_source']!,
    streamId: h['ce_subject']!,
    streamVersion: Number(h['ce_streamversion']),
    position: Number(h['ce_position']),
    transactionId: h['ce_transactionid'] ?? '0',
    schemaVersion: Number(h['ce_dataschemaversion'] ?? '1'),
    time: h['ce_time']!,
    ...(h['ce_correlationid'] ? { correlationId: h['ce_correlationid'] } : {}),
    ...(h['ce_causationid'] ? { causationId: h['ce_causationid'] } : {}),
    ...(h['ce_actor'] ? { actor: h['ce_actor'] } : {}),
    ...(h['traceparent'] ? { traceparent: h['traceparent'] } : {}),
    data,
  };
};
