import { fromCloudEventMessage } from '@ledgerline/cloud-events';
import { type ConsumedBatch, type MessageConsumer, inEventContext } from '@ledgerline/messaging';
import { type SagaCommand } from './saga';
import { type HandledInput } from './store';
import { type SagaRuntimeContext } from './runtime-context';
import { type ParkedArgs, UNROUTED } from './runtime-parking';

/**
 * Consumes the definition's topics in the saga's consumer group: each batch's events are routed
 * to their sagas, and each saga's events handled in order (sagas side by side).
 */
export const consumeSagaTopics = async <
  State,
  Event,
  Command extends SagaCommand,
  IdName extends string,
>(
  ctx: SagaRuntimeContext<State, Event, Command, IdName>,
  deps: {
    readonly park: (parked: ParkedArgs, reason: unknown) => Promise<void>;
    readonly handleEvent: (
      sagaId: string,
      eventId: string,
      event: Event,
      starts: boolean,
    ) => Promise<HandledInput>;
  },
): Promise<{ readonly consumer: MessageConsumer; readonly consuming: Promise<void> }> => {
  const { definition, log, flow, settings } = ctx;

  const wanted = new Set(definition.eventTypes);
  const processBatch = async (batch: ConsumedBatch): Promise<void> => {
    const bySaga = new Map<
      string,
      { eventId: string; event: Event; starts: boolean; traceparent: string | undefined }[]
    >();
    for (const message of batch.messages) {
      const type = message.headers['ce_type'];
      if (type === undefined || !wanted.has(type)) continue;
      let decoded;
      try {
        decoded = fromCloudEventMessage(message);
      } catch (error) {
        log.warn({ err: error, saga: definition.type }, 'saga: malformed message skipped');
        continue;
      }
      let routed;
      try {
        routed = definition.route(decoded);
      } catch (error) {
        const input = { kind: 'unrouted' as const, message: decoded };
        await deps.park(
          { sagaId: UNROUTED, inputId: `event:${decoded.eventId}`, input, starts: false },
          error,
        );
        continue;
      }
      if (!routed) continue;
      const list = bySaga.get(routed.sagaId) ?? [];
      list.push({
        eventId: decoded.eventId,
        event: routed.event,
        starts: routed.starts,
        traceparent: decoded.traceparent,
      });
      bySaga.set(routed.sagaId, list);
    }
    const heartbeat = setInterval(() => void batch.heartbeat().catch(() => undefined), 1_000);
    try {
      await Promise.all(
        [...bySaga].map(async ([sagaId, events]) => {
          for (const e of events) {
            // A start waits here, and the batch with it, while too many sagas run: a burst stays
            // in Kafka instead of starting payment deadlines it cannot meet.
            const admitted = e.starts && (await flow.admit(sagaId, ctx.closing));
            try {
              // In the event's trace: the commands it sends carry it over gRPC.
              const handled = await inEventContext(
                `saga ${definition.type}`,
                e.traceparent,
                { 'ledgerline.saga_id': sagaId, 'ledgerline.event_id': e.eventId },
                () => deps.handleEvent(sagaId, e.eventId, e.event, e.starts),
              );
              if (admitted && !handled.applied) flow.release(sagaId);
            } catch (error) {
              if (admitted) flow.release(sagaId);
              throw error;
            }
          }
        }),
      );
    } finally {
      clearInterval(heartbeat);
    }
  };

  const consumer: MessageConsumer = await settings.messaging.consumer({
    sessionTimeoutMs: 10_000,
    ...settings.consumer,
    groupId: settings.groupId ?? `ledgerline.saga.${definition.type}`,
    topics: definition.topics,
  });
  consumer.onAssignment((assignment) =>
    log.info({ saga: definition.type, assignment }, 'saga: partitions assigned'),
  );
  const consuming = consumer.run(processBatch);
  log.info({ saga: definition.type, topics: definition.topics }, 'saga: started');
  return { consumer, consuming };
};
