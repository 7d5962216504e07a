/**
 * A saga is a pure process manager: `react(input, state, context)` returns the next state, the
 * commands to send and an optional deadline. The runtime (see runtime.ts) stores the state, its
 * history and the commands in one transaction, sends the commands afterwards and feeds their
 * outcomes back in as inputs.
 */

/** Where a saga stands, as operators see it. `compensation_failed` only the runtime sets. */
export type SagaStatus =
  'running' | 'compensating' | 'completed' | 'compensated' | 'compensation_failed';

export const SAGA_STATUSES: readonly SagaStatus[] = [
  'running',
  'compensating',
  'completed',
  'compensated',
  'compensation_failed',
];

export const isSagaStatus = (value: string): value is SagaStatus =>
  (SAGA_STATUSES as readonly string[]).includes(value);

/** A command to send, named by a step unique within its saga: the idempotency key is saga id + step. */
export interface SagaCommand {
  readonly step: string;
  /** Compensations that keep failing put the saga into `compensation_failed`. */
  readonly compensation?: boolean;
}

/** What a saga reacts to: a fact from the broker, the outcome of one of its commands, or a deadline. */
export type SagaInput<Event> =
  | { readonly kind: 'event'; readonly event: Event }
  | { readonly kind: 'succeeded'; readonly step: string; readonly result: unknown }
  | {
      readonly kind: 'rejected';
      readonly step: string;
      /** The gRPC status name, e.g. FAILED_PRECONDITION or NOT_FOUND. */
      readonly code: string;
      /** The PreconditionFailure's rule (e.g. `insufficient-funds`), when the server named one. */
      readonly rule: string | null;
      readonly message: string;
    }
  | { readonly kind: 'deadline'; readonly name: string };

export interface SagaContext<IdName extends string> {
  readonly sagaId: string;
  /** The time the input is handled (ISO 8601). */
  readonly now: string;
  /** Ids derived from the saga id (sha256), identical on every re-run. */
  readonly ids: Readonly<Record<IdName, string>>;
}

export interface SagaReaction<State, Command extends SagaCommand> {
  readonly state: State;
  readonly status: SagaStatus;
  readonly commands?: readonly Command[];
  /**
   * Sets (replaces) the saga's deadline, `afterMs` from now (the runtime's clock, so the pure
   * reaction needs no date arithmetic); `null` clears it; absent leaves it alone.
   */
  readonly deadline?: { readonly name: string; readonly afterMs: number } | null;
  /** Steps whose unsent or retrying commands are no longer wanted (e.g. after a deadline). */
  readonly supersede?: readonly string[];
}

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
