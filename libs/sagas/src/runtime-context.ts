import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { KeyedMutex } from '@ledgerline/command-service';
import { type Pool, type PoolClient } from 'pg';
import { backoffDelay, sleep } from '@ledgerline/retry';
import { type SendFence } from './outbox';
import { sagaFlowControl } from './flow-control';
import { type SagaCommand, type SagaDefinition } from './saga';
import { SagaStateCache } from './state-cache';
import { ReactionFailed } from './store';
import { type SagaTables, sagaTables } from './tables';
import {
  type SagaLogger,
  type SagaRetryPolicy,
  type SagaRuntimeSettings,
  type SendTimings,
  sendTimings,
} from './runtime-settings';

/** What every part of one saga runtime shares: its settings, its tables, its queues and caches. */
export interface SagaRuntimeContext<
  State,
  Event,
  Command extends SagaCommand,
  IdName extends string,
> {
  readonly settings: SagaRuntimeSettings<State, Event, Command, IdName>;
  readonly definition: SagaDefinition<State, Event, Command, IdName>;
  readonly pool: Pool;
  readonly log: SagaLogger;
  readonly tables: SagaTables;
  readonly retry: SagaRetryPolicy;
  readonly timings: SendTimings;
  readonly fence: SendFence;
  readonly pollIntervalMs: number;
  /** Aborted once the runtime stops: retries and sleeps end, nothing new is sent. */
  readonly stopping: AbortSignal;
  /** Aborted once stop() begins, before the consumer closes. */
  readonly closing: AbortSignal;
  readonly flow: ReturnType<typeof sagaFlowControl<Command>>;
  readonly queues: KeyedMutex;
  readonly cache: SagaStateCache;
  /** Keeps the promise until it settles, so stop() waits for it. */
  readonly track: <T>(promise: Promise<T>) => Promise<T>;
}

export const sagaRuntimeContext = <
  State,
  Event,
  Command extends SagaCommand,
  IdName extends string,
>(
  settings: SagaRuntimeSettings<State, Event, Command, IdName>,
  lifetime: {
    readonly stopping: AbortSignal;
    readonly closing: AbortSignal;
    readonly track: <T>(promise: Promise<T>) => Promise<T>;
  },
): SagaRuntimeContext<State, Event, Command, IdName> => {
  const timings = sendTimings(settings);
  return {
    settings,
    definition: settings.definition,
    pool: settings.pool,
    log: settings.logger,
    tables: sagaTables(settings.schema),
    retry: {
      baseDelayMs: 100,
      maxDelayMs: 5_000,
      compensationAttempts: 8,
      ...settings.retry,
    },
    timings,
    // Every replica's fences carry its own name, so it never waits for a send of its own.
    fence: { owner: `${hostname()}:${process.pid}:${randomUUID()}`, claimMs: timings.claimMs },
    pollIntervalMs: settings.pollIntervalMs ?? 250,
    ...lifetime,
    flow: sagaFlowControl(settings.flow),
    queues: new KeyedMutex(),
    cache: new SagaStateCache(),
  };
};

interface WriteContext {
  readonly definition: { readonly type: string };
  readonly log: SagaLogger;
  readonly stopping: AbortSignal;
}

/** Retried with backoff on any failure (PostgreSQL down, say) until it succeeds or we stop. */
export const retrying = async <T>(ctx: WriteContext, work: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (ctx.stopping.aborted || error instanceof ReactionFailed) throw error;
      ctx.log.warn(
        { err: error, attempt, saga: ctx.definition.type },
        'saga: write failed, retrying',
      );
      await sleep(backoffDelay(attempt, { baseMs: 50, maxMs: 2_000 }), ctx.stopping);
    }
  }
};

/** One transaction, retried with backoff on any failure until it commits or we stop. */
export const transaction = async <T>(
  ctx: WriteContext & { readonly pool: Pool },
  work: (client: PoolClient) => Promise<T>,
): Promise<T> => {
  for (let attempt = 1; ; attempt += 1) {
    let client: PoolClient | undefined;
    try {
      client = await ctx.pool.connect();
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      if (client) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release(error instanceof Error ? error : undefined);
      }
      if (ctx.stopping.aborted) throw error;
      ctx.log.warn(
        { err: error, attempt, saga: ctx.definition.type },
        'saga: transaction failed, retrying',
      );
      await sleep(backoffDelay(attempt, { baseMs: 50, maxMs: 2_000 }), ctx.stopping);
    }
  }
};
