/**
 * The pure contract of a saga (a process manager): `react(input, state, context)` returns the next
 * state, the commands to send and an optional deadline. Domain code implements it without
 * depending on the runtime (libs/sagas) that stores, sends and feeds outcomes back.
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
