import { type SagaCommand, type SagaInput } from './saga';
import { listParkedInputs, type ParkedInput, parkInput, unparkInput } from './parking';
import { ReactionFailed } from './store';
import { retrying, type SagaRuntimeContext } from './runtime-context';
import { type HandleInput } from './runtime-inputs';

/** Where an event whose `route` threw is parked: it belongs to no saga yet. */
export const UNROUTED = '(unrouted)';

export type ParkedArgs = Omit<Parameters<typeof parkInput>[2], 'type' | 'error'>;

export type SagaParking = ReturnType<typeof sagaParking>;

export const sagaParking = <State, Event, Command extends SagaCommand, IdName extends string>(
  ctx: SagaRuntimeContext<State, Event, Command, IdName>,
) => {
  const { definition, pool, tables, log } = ctx;
  // Inputs parked by this process: a deadline or an unsettled command fires again and again,
  // and must not run (and log) the failing reaction each time.
  const parkedHere = new Set<string>();
  const park = async (parked: ParkedArgs, reason: unknown) => {
    const { sagaId, inputId } = parked;
    const error = reason instanceof Error ? reason.message : String(reason);
    await retrying(ctx, () => parkInput(pool, tables, { ...parked, type: definition.type, error }));
    parkedHere.add(`${sagaId}/${inputId}`);
    log.error(
      { saga: definition.type, sagaId, inputId, error },
      'saga: the saga’s code threw on an input; parked (platform sagas parked)',
    );
  };
  return {
    park,
    /** Parked by this process (and not redriven since). */
    parkedHere: (sagaId: string, inputId: string): boolean =>
      parkedHere.has(`${sagaId}/${inputId}`),
    unparked: (sagaId: string, inputId: string): void => {
      parkedHere.delete(`${sagaId}/${inputId}`);
    },
  };
};

export const sagaRedrive = <State, Event, Command extends SagaCommand, IdName extends string>(
  ctx: SagaRuntimeContext<State, Event, Command, IdName>,
  parking: SagaParking,
  handle: HandleInput<Event>,
) => {
  const { definition, pool, tables, log, queues } = ctx;

  /** Handles one parked input again; false when it threw again (it stays parked). */
  const redriveOne = async (parked: ParkedInput): Promise<boolean> => {
    if (parked.sagaId !== UNROUTED)
      return queues.run(parked.sagaId, () =>
        handle({
          sagaId: parked.sagaId,
          inputId: parked.inputId,
          input: parked.input as SagaInput<Event>,
          starts: parked.starts,
          ...(parked.settles ? { settles: parked.settles } : {}),
          // Its deadline row was consumed when it was parked: nothing to check it against.
          redrive: true,
        }).then(() => true),
      );
    const { message } = parked.input as { message: Parameters<typeof definition.route>[0] };
    let routed;
    try {
      routed = definition.route(message);
    } catch (error) {
      const { sagaId, inputId, input } = parked;
      await parking.park({ sagaId, inputId, input: input as never, starts: false }, error);
      return false;
    }
    if (!routed) return true;
    const { sagaId, event, starts } = routed;
    return queues.run(sagaId, () =>
      handle({
        sagaId,
        inputId: parked.inputId,
        input: { kind: 'event', event },
        starts,
        redrive: true,
      }).then(() => true),
    );
  };

  const redriveParked = async () => {
    let redriven = 0;
    let stillParked = 0;
    for (const parked of await listParkedInputs(pool, tables, definition.type)) {
      const handled = await redriveOne(parked).catch((error: unknown) => {
        if (error instanceof ReactionFailed) return false;
        throw error;
      });
      if (!handled) {
        stillParked += 1;
        continue;
      }
      await unparkInput(pool, tables, parked.sagaId, parked.inputId);
      parking.unparked(parked.sagaId, parked.inputId);
      redriven += 1;
    }
    if (redriven + stillParked > 0)
      log.info({ saga: definition.type, redriven, stillParked }, 'saga: parked inputs redriven');
    return { redriven, stillParked };
  };
  return redriveParked;
};
