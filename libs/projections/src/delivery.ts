import { type IncomingMessage } from '@ledgerline/messaging';
import { fromCloudEventMessage, type PublishedEvent } from '@ledgerline/relay';
import { type ParkedRow } from './runtime-state';

/**
 * A consumed message as the runtime sees it: a parsed event, or a malformed one that still has a
 * stream (the message key) so it can block its stream in order.
 */
export type Delivery =
  | { readonly kind: 'event'; readonly message: IncomingMessage; readonly event: PublishedEvent }
  | {
      readonly kind: 'malformed';
      readonly message: IncomingMessage;
      readonly streamId: string;
      readonly version: number | null;
      readonly error: Error;
    };

export const toDelivery = (message: IncomingMessage): Delivery => {
  try {
    return { kind: 'event', message, event: fromCloudEventMessage(message) };
  } catch (error) {
    const version = Number(message.headers['ce_streamversion']);
    return {
      kind: 'malformed',
      message,
      streamId: message.headers['ce_subject'] ?? message.key ?? '',
      version: Number.isSafeInteger(version) && version > 0 ? version : null,
      error: error instanceof Error ? error : new Error(String(error)),
    };
  }
};

export const streamOf = (delivery: Delivery): string =>
  delivery.kind === 'event' ? delivery.event.streamId : delivery.streamId;

export const errorText = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

export const parkedRow = (
  delivery: Delivery,
  status: 'parked' | 'waiting',
  error: string,
  attempts: number,
): ParkedRow => {
  const { message } = delivery;
  return {
    streamId: streamOf(delivery),
    version: delivery.kind === 'event' ? delivery.event.streamVersion : delivery.version,
    eventId:
      delivery.kind === 'event' ? delivery.event.eventId : (message.headers['ce_id'] ?? null),
    type: delivery.kind === 'event' ? delivery.event.type : (message.headers['ce_type'] ?? null),
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    payload: message.value,
    headers: message.headers,
    error,
    attempts,
    status,
  };
};
