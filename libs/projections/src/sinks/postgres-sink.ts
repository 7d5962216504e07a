import { type PublishedEvent } from '@ledgerline/relay';
import { type PoolClient } from 'pg';
import { type ApplyResult, HandlerFailedInBatch, type SinkSession } from '../apply-batch';
import { backoffDelay, sleep } from '@ledgerline/retry';
import { isInfrastructureError } from '../decisions';
import { errorText } from '../delivery';
import { type PostgresHandler, type TableNames } from '../projection';

export interface RetryPolicy {
  /** How many times a throwing handler runs before its event is parked. */
  readonly attempts: number;
  readonly baseDelayMs: number;
}

/**
 * Runs a handler in a savepoint, a bounded number of times: a poison event rolls back only its
 * own writes and the rest of the batch still commits. A database or connection failure is not
 * the event's fault: it aborts the batch, which is retried whole.
 */
export const applyInSavepoint = async (
  client: PoolClient,
  run: () => Promise<void>,
  retry: RetryPolicy,
): Promise<ApplyResult> => {
  let lastError: unknown;
  for (let attempt = 1; attempt <= retry.attempts; attempt += 1) {
    await client.query('SAVEPOINT projection_event');
    try {
      await run();
      await client.query('RELEASE SAVEPOINT projection_event');
      return { ok: true };
    } catch (error) {
      if (isInfrastructureError(error)) throw error;
      await client.query('ROLLBACK TO SAVEPOINT projection_event');
      lastError = error;
      if (attempt < retry.attempts)
        await sleep(backoffDelay(attempt, { baseMs: retry.baseDelayMs, maxMs: 2_000 }));
    }
  }
  return { ok: false, error: errorText(lastError), attempts: retry.attempts };
};

/**
 * `guarded`: every event in its own savepoint (two more round trips per event). Unguarded: the
 * handlers run straight in the batch's transaction, the fast path while no event fails.
 */
export const postgresSession = <Tables extends TableNames>(
  client: PoolClient,
  tables: Tables,
  retry: RetryPolicy,
  guarded = true,
): SinkSession<PostgresHandler<Tables>> => ({
  apply: guarded
    ? (_index: number, event: PublishedEvent, handler: PostgresHandler<Tables>) =>
        applyInSavepoint(client, () => handler(event, { client, tables }), retry)
    : async (_index: number, event: PublishedEvent, handler: PostgresHandler<Tables>) => {
        try {
          await handler(event, { client, tables });
          return { ok: true };
        } catch (error) {
          if (isInfrastructureError(error)) throw error;
          throw new HandlerFailedInBatch(error);
        }
      },
  flush: () => Promise.resolve(new Map()),
});
