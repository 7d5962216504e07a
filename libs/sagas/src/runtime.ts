import { type SagaCommand } from './saga';
import { migrateSagas } from './tables';
import { type SagaRuntime, type SagaRuntimeSettings } from './runtime-settings';
import { sagaRuntimeContext } from './runtime-context';
import { sagaParking, sagaRedrive } from './runtime-parking';
import { sagaInputs } from './runtime-inputs';
import { sagaDispatch } from './runtime-dispatch';
import { pollerNap, runPollers } from './runtime-pollers';
import { consumeSagaTopics } from './runtime-consumer';

export type {
  DispatchMetadata,
  SagaFaultHooks,
  SagaLogger,
  SagaRetryPolicy,
  SagaRuntime,
  SagaRuntimeSettings,
} from './runtime-settings';

/**
 * The durable saga runtime: consumes the definition's topics in a consumer group, handles each
 * input in one statement (state, history/dedup, outbox, deadline), sends the committed commands
 * afterwards with their deterministic idempotency keys, feeds each command's outcome straight
 * back into `react`, retries transient failures with backoff and fires deadlines from a polled
 * table. Unsent commands and due deadlines survive a crash in PostgreSQL and are picked up by the
 * pollers of any replica (`FOR UPDATE SKIP LOCKED`). See docs/adr/0010-saga-runtime.md.
 */
export const startSagaRuntime = async <
  State,
  Event,
  Command extends SagaCommand,
  IdName extends string,
>(
  settings: SagaRuntimeSettings<State, Event, Command, IdName>,
): Promise<SagaRuntime> => {
  const stopping = new AbortController();
  // Aborts starts still waiting for a place once stop() begins (before the consumer closes).
  const closing = new AbortController();
  const pending = new Set<Promise<unknown>>();
  const track = <T>(promise: Promise<T>): Promise<T> => {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise)).catch(() => undefined);
    return promise;
  };
  const ctx = sagaRuntimeContext(settings, {
    stopping: stopping.signal,
    closing: closing.signal,
    track,
  });
  const { definition, log } = ctx;

  await migrateSagas(settings.pool, settings.schema);

  const parking = sagaParking(ctx);
  const nap = pollerNap();
  // Handling an input schedules its commands, whose outcomes are handled as inputs again: the
  // two refer to each other, so `schedule` is looked up when an input is handled.
  const inputs = sagaInputs(ctx, parking, {
    schedule: (sagaId, commands, fromHandle) => dispatch.schedule(sagaId, commands, fromHandle),
  });
  const dispatch = sagaDispatch(ctx, {
    handleReplies: inputs.handleReplies,
    wakePollerIn: nap.wakeIn,
  });
  const pollers = runPollers(ctx, nap, { schedule: dispatch.schedule, handle: inputs.handle });

  const { consumer, consuming } = await consumeSagaTopics(ctx, {
    park: parking.park,
    handleEvent: inputs.handleEvent,
  });

  const redriveParked = sagaRedrive(ctx, parking, inputs.handle);
  // A restart is how a fixed release arrives: what the old code could not handle is tried again.
  void track(
    redriveParked().catch((error: unknown) =>
      log.warn({ err: error, saga: definition.type }, 'saga: could not redrive parked inputs'),
    ),
  );

  return {
    handleEvent: (sagaId, eventId, event, starts) =>
      inputs.handleEvent(sagaId, eventId, event as Event, starts).then(() => undefined),
    redriveParked,
    async stop() {
      if (stopping.signal.aborted) return;
      closing.abort();
      await consumer.close();
      await consuming.catch(() => undefined);
      stopping.abort();
      await pollers;
      await Promise.allSettled([...pending]);
    },
  };
};
