import {
  type SagaCommand,
  type SagaContext,
  type SagaInput,
  type SagaReaction,
} from '@ledgerline/domain';

/**
 * A saga is a pure process manager (its contract is in @ledgerline/domain, so domain code can
 * implement it): `react(input, state, context)` returns the next state, the commands to send and
 * an optional deadline. The runtime (see runtime.ts) stores the state, its history and the
 * commands in one transaction, sends the commands afterwards and feeds their outcomes back in.
 */

export {
  isSagaStatus,
  SAGA_STATUSES,
  type SagaCommand,
  type SagaContext,
  type SagaInput,
  type SagaReaction,
  type SagaStatus,
} from '@ledgerline/domain';

export interface SagaDefinition<
  State,
  Event,
  Command extends SagaCommand,
  IdName extends string = string,
> {
  /** Saga type, e.g. `checkout`; several types can share one schema. */
  readonly type: string;
  /** Kafka topics whose events this saga reacts to. */
  readonly topics: readonly string[];
  /** CloudEvents types worth decoding (`ce_type`); other messages are skipped unread. */
  readonly eventTypes: readonly string[];
  /** Names of the ids the runtime derives from the saga id for `context.ids`. */
  readonly derivedIds: readonly IdName[];
  /**
   * Turns a consumed message into an event and the id of the saga it concerns, or undefined to
   * ignore it (cheap: called for every message on the topics).
   */
  readonly route: (message: {
    readonly type: string;
    readonly source: string;
    readonly data: unknown;
  }) => { readonly sagaId: string; readonly event: Event; readonly starts: boolean } | undefined;
  /** `state` is undefined only for an event that starts the saga. */
  readonly react: (
    input: SagaInput<Event>,
    state: State | undefined,
    context: SagaContext<IdName>,
  ) => SagaReaction<State, Command> | undefined;
}
