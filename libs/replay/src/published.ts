import { type RecordedEvent } from '@ledgerline/event-store';
import { type PublishedEvent } from '@ledgerline/relay';

/**
 * A stored event as a projection handler receives it from Kafka: the same fields the relay's
 * CloudEvents encoding carries and `fromCloudEventMessage` reads back (a unit test holds the two
 * equal), without the JSON round trip, so a rebuild feeds handlers what live delivery feeds them.
 */
export const publishedEventOf = (event: RecordedEvent, source: string): PublishedEvent => {
  const { correlationId, causationId, actor, traceparent } = event.metadata;
  return {
    eventId: event.eventId,
    type: event.type,
    source,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    position: event.globalPosition,
    transactionId: event.transactionId,
    schemaVersion: event.schemaVersion,
    time: event.recordedAt.toISOString(),
    ...(correlationId ? { correlationId } : {}),
    ...(causationId ? { causationId } : {}),
    ...(actor ? { actor } : {}),
    ...(traceparent ? { traceparent } : {}),
    data: event.data,
  };
};
