import { type ConsumerSettings, type Messaging } from '@ledgerline/messaging';
import { type Pool } from 'pg';
import { type SagaFlowSettings } from './flow-control';
import { type SagaCommand, type SagaDefinition } from './saga';
import { type OutboxCommand } from './store';

export interface SagaLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Passed with every command: the step's deterministic key and the ids that trace it. */
export interface DispatchMetadata {
  readonly idempotencyKey: string;
  readonly correlationId: string;
  readonly causationId: string;
  /**
   * When the call must be over: the end of this process's send fence on the command, after which
   * another replica may supersede it. Dispatch uses it as the call's deadline (or an earlier one).
   */
  readonly sendBy: Date;
}

export interface SagaRetryPolicy {
  /** First retry delay after a transient failure (default 100 ms), doubling up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Attempts of a compensation before the saga goes to `compensation_failed` (default 8). */
  readonly compensationAttempts: number;
}

/** Test hooks at the two crash points of a step (the fixtures SIGKILL the process there). */
export interface SagaFaultHooks {
  afterCommit?(sagaId: string, commands: readonly OutboxCommand[]): void;
  afterSend?(sagaId: string, step: string): void;
}

export interface SagaRuntimeSettings<
  State,
  Event,
  Command extends SagaCommand,
  IdName extends string,
> {
  readonly definition: SagaDefinition<State, Event, Command, IdName>;
  readonly pool: Pool;
  readonly schema: string;
  readonly messaging: Messaging;
  readonly logger: SagaLogger;
  /** Sends one command through the typed clients; rejects with an RpcError on failure. */
  readonly dispatch: (command: Command, metadata: DispatchMetadata) => Promise<unknown>;
  /** Default `ledgerline.saga.<type>`. */
  readonly groupId?: string;
  readonly consumer?: Partial<Omit<ConsumerSettings, 'groupId' | 'topics'>>;
  /** How often due commands (retries, unsent after a crash) and deadlines are polled (250 ms). */
  readonly pollIntervalMs?: number;
  /**
   * How long a process owns a command it is sending before others may re-send or supersede it
   * (5 s; stretched to hold a whole `commandDeadlineMs` and its margins).
   */
  readonly claimMs?: number;
  /** The deadline `dispatch` gives a command (default half the claim): a send gets all of it. */
  readonly commandDeadlineMs?: number;
  readonly retry?: Partial<SagaRetryPolicy>;
  /** Bounds on commands in flight and sagas started, so a burst queues instead of timing out. */
  readonly flow?: SagaFlowSettings<Command>;
  readonly faults?: SagaFaultHooks;
}

export interface SagaRuntime {
  /** Feeds an event as if consumed (operators, tests); resolves once handled. */
  handleEvent(sagaId: string, eventId: string, event: unknown, starts: boolean): Promise<void>;
  /**
   * Handles the parked inputs (those whose `route` or `react` threw) again, as a start-up does:
   * each one handled is unparked; one that throws again stays, its attempts counted.
   */
  redriveParked(): Promise<{ readonly redriven: number; readonly stillParked: number }>;
  stop(): Promise<void>;
}

/** How long a send may take and how long this process holds a command it sends. */
export interface SendTimings {
  readonly claimMs: number;
  readonly fenceMarginMs: number;
  readonly commandDeadlineMs: number;
}

export const sendTimings = (settings: {
  readonly claimMs?: number;
  readonly commandDeadlineMs?: number;
}): SendTimings => {
  const configuredClaimMs = settings.claimMs ?? 5_000;
  // A send must end this long before its fence does (clock drift between replicas, scheduling).
  const fenceMarginMs = Math.min(500, Math.floor(configuredClaimMs / 4));
  const commandDeadlineMs = settings.commandDeadlineMs ?? configuredClaimMs / 2;
  // The fence outlasts a whole command deadline sent at once, so deadlines are never cut short.
  const claimMs = Math.max(configuredClaimMs, commandDeadlineMs + 2 * fenceMarginMs);
  return { claimMs, fenceMarginMs, commandDeadlineMs };
};
