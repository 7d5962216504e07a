import { backoffDelay, sleep } from '@ledgerline/retry';

/**
 * Broker answers that mean "not yet" rather than "no": a brand-new broker is still electing
 * leaders for partitions just created (by us or by a service starting beside us), still loading
 * the consumer-offsets topic, or its metadata cache lags the controller by a moment. kafkajs
 * retries some of these itself but gives up on others at once (its metadata refresh bails on
 * UNKNOWN_TOPIC_OR_PARTITION, and `createTopics` on a mixed "created / already exists" answer
 * returns before waiting for leaders), so startup waits for them here, within a budget.
 */
const TRANSIENT_TYPES = new Set([
  'LEADER_NOT_AVAILABLE',
  // kafkajs's name for NOT_LEADER_OR_FOLLOWER (code 6)
  'NOT_LEADER_FOR_PARTITION',
  'NOT_LEADER_OR_FOLLOWER',
  // right after creation the broker's metadata cache may not know the topic yet
  'UNKNOWN_TOPIC_OR_PARTITION',
  'GROUP_COORDINATOR_NOT_AVAILABLE',
  'GROUP_LOAD_IN_PROGRESS',
  'NOT_COORDINATOR_FOR_GROUP',
  'NOT_CONTROLLER',
  'REQUEST_TIMED_OUT',
  'PREFERRED_LEADER_NOT_AVAILABLE',
]);

/** kafkajs client-side errors that stand for the same broker states. */
const TRANSIENT_NAMES = new Set([
  'KafkaJSGroupCoordinatorNotFound',
  'KafkaJSBrokerNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSStaleTopicMetadataAssignment',
]);

export type BrokerVerdict =
  /** Every topic asked for exists already (whoever created it): success. */
  | { readonly kind: 'exists' }
  /** A state that passes on its own; `state` names it for the log. */
  | { readonly kind: 'transient'; readonly state: string }
  | { readonly kind: 'fatal' };

interface ErrorLike {
  readonly name?: unknown;
  readonly type?: unknown;
  readonly cause?: unknown;
  readonly errors?: unknown;
}

const single = (error: unknown): BrokerVerdict => {
  // kafkajs wraps what it gave up on (`KafkaJSNonRetriableError`, `…NumberOfRetriesExceeded`)
  // with the broker's answer as the cause.
  for (let current = error, depth = 0; depth < 5; depth += 1) {
    if (typeof current !== 'object' || current === null) break;
    const { name, type, cause } = current as ErrorLike;
    if (type === 'TOPIC_ALREADY_EXISTS') return { kind: 'exists' };
    if (typeof type === 'string' && TRANSIENT_TYPES.has(type))
      return { kind: 'transient', state: type };
    if (typeof name === 'string' && TRANSIENT_NAMES.has(name))
      return { kind: 'transient', state: name };
    current = cause;
  }
  return { kind: 'fatal' };
};

/**
 * What a kafkajs error means for startup. A CreateTopics answer lists one error per topic
 * (`KafkaJSAggregateError`): all "already exists" is success; "already exists" mixed with
 * transient states is transient; anything else is fatal.
 */
export const classifyBrokerError = (error: unknown): BrokerVerdict => {
  const errors = (error as ErrorLike | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return single(error);
  const verdicts = errors.map(single);
  if (verdicts.some((v) => v.kind === 'fatal')) return { kind: 'fatal' };
  return verdicts.find((v) => v.kind === 'transient') ?? { kind: 'exists' };
};

export interface StartupBudget {
  /** How long a starting client waits out transient broker states before giving up. */
  readonly budgetMs: number;
  /** Told before each wait: what is awaited, the broker state seen, the delay. */
  readonly onWait?: (wait: {
    what: string;
    state: string;
    attempt: number;
    retryInMs: number;
  }) => void;
}

/**
 * The delay before attempt `attempt + 1`, or `undefined` once the budget is spent: jittered
 * backoff from 100 ms up to 2 s, never past the budget's end.
 */
export const nextStartupDelay = (
  attempt: number,
  elapsedMs: number,
  budgetMs: number,
): number | undefined => {
  const left = budgetMs - elapsedMs;
  if (left <= 0) return undefined;
  return Math.min(left, Math.max(50, backoffDelay(attempt, { baseMs: 100, maxMs: 2_000 })));
};

/**
 * Runs `attempt` until it succeeds, retrying transient broker states with backoff until the
 * budget is spent; then (or on any other error) rethrows the last error as it is, so callers'
 * messages stay what they were.
 */
export const untilBrokerSettles = async <T>(
  what: string,
  attempt: () => Promise<T>,
  budget: StartupBudget,
): Promise<T> => {
  const started = Date.now();
  for (let n = 1; ; n += 1) {
    try {
      return await attempt();
    } catch (error) {
      const verdict = classifyBrokerError(error);
      if (verdict.kind !== 'transient') throw error;
      const retryInMs = nextStartupDelay(n, Date.now() - started, budget.budgetMs);
      if (retryInMs === undefined) throw error;
      budget.onWait?.({ what, state: verdict.state, attempt: n, retryInMs });
      await sleep(retryInMs);
    }
  }
};
