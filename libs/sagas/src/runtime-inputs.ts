import { type SagaCommand, type SagaInput } from './saga';
import {
  HANDLE_ONE_BY_ONE,
  type HandledInput,
  handleInput,
  handleInputs,
  type InputToHandle,
  ReactionFailed,
  type Settles,
} from './store';
import { retrying, type SagaRuntimeContext } from './runtime-context';
import { type SagaParking } from './runtime-parking';
import { type ScheduleCommands } from './runtime-dispatch';

/** One input for a saga, as the runtime hands it to `handleInput`. */
export interface InputArgs<Event> {
  sagaId: string;
  inputId: string;
  input: SagaInput<Event>;
  starts?: boolean;
  settles?: Settles;
  deadlineDueAt?: Date;
  redrive?: boolean;
}

/** Writes one input, or parks it when the saga's code throws on it (callers queue it per saga). */
export type HandleInput<Event> = (args: InputArgs<Event>) => Promise<HandledInput>;

/**
 * Writes a saga's inputs (events, deadlines, command outcomes), parks one its code throws on, and
 * hands the commands they commit to `schedule`.
 */
export const sagaInputs = <State, Event, Command extends SagaCommand, IdName extends string>(
  ctx: SagaRuntimeContext<State, Event, Command, IdName>,
  parking: SagaParking,
  deps: {
    readonly schedule: ScheduleCommands;
  },
) => {
  const { definition, pool, tables, cache, flow, fence, settings } = ctx;
  const { claimMs } = ctx.timings;

  const handle: HandleInput<Event> = async (args) => {
    if (!args.redrive && parking.parkedHere(args.sagaId, args.inputId))
      return { applied: false, commands: [] };
    let handled: HandledInput;
    try {
      handled = await retrying(ctx, () =>
        handleInput(pool, tables, cache, definition, {
          ...args,
          now: new Date(),
          claimUntil: new Date(Date.now() + claimMs),
          owner: fence.owner,
        }),
      );
    } catch (error) {
      if (!(error instanceof ReactionFailed)) throw error;
      await parking.park(
        {
          sagaId: args.sagaId,
          inputId: args.inputId,
          input: args.input,
          starts: args.starts ?? false,
          settles: args.settles,
          deadlineDueAt: args.deadlineDueAt,
        },
        error.reason,
      );
      if (args.redrive) throw error;
      return { applied: false, commands: [] };
    }
    return afterHandled(args.sagaId, handled);
  };

  /** A written input: an ended saga frees its place, new commands go out behind it. */
  const afterHandled = (sagaId: string, handled: HandledInput): HandledInput => {
    if (handled.applied) flow.handled(sagaId, handled.status);
    if (handled.commands.length > 0) {
      settings.faults?.afterCommit?.(sagaId, handled.commands);
      deps.schedule(sagaId, handled.commands, true);
    }
    return handled;
  };

  /**
   * The outcomes of commands sent together (the payment and the reservation, say): one write for
   * all of them, so a step of two commands costs one round trip like a step of one. Handled one by
   * one when the batch cannot be one write, or when one of them makes the saga's code throw (that
   * one is parked on its own, the others are handled).
   */
  const handleReplies = async (sagaId: string, replies: readonly InputToHandle<Event>[]) => {
    const fresh = replies.filter((r) => !parking.parkedHere(sagaId, r.inputId));
    let handled: HandledInput = HANDLE_ONE_BY_ONE;
    if (fresh.length > 1)
      try {
        handled = await retrying(ctx, () =>
          handleInputs(pool, tables, cache, definition, {
            sagaId,
            inputs: fresh,
            now: new Date(),
            claimUntil: new Date(Date.now() + claimMs),
            owner: fence.owner,
          }),
        );
      } catch (error) {
        if (!(error instanceof ReactionFailed)) throw error;
      }
    if (!handled.oneByOne) {
      afterHandled(sagaId, handled);
      return;
    }
    for (const reply of fresh) await handle({ sagaId, ...reply });
  };

  const handleEvent = (sagaId: string, eventId: string, event: Event, starts: boolean) =>
    ctx.queues.run(sagaId, () =>
      handle({ sagaId, inputId: `event:${eventId}`, input: { kind: 'event', event }, starts }),
    );

  return { handle, handleReplies, handleEvent };
};
