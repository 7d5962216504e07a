import { type BackgroundWorker } from '@ledgerline/command-service';
import { type Logger } from '@ledgerline/logging';
import { sleep } from '@ledgerline/retry';
import { type Pool } from 'pg';
import { type DueReservation, dueReservations } from './deadlines';

export interface ExpiryWorkerOptions {
  readonly pool: Pool;
  readonly schema: string;
  readonly logger: Logger;
  /** Pause between rounds (jittered ±20% so replicas spread out). */
  readonly intervalMs: number;
  /** Reservations released per round at most. */
  readonly batchSize: number;
  /** Runs ExpireReservation for one due reservation at `now`; resolves with what it decided. */
  readonly expire: (due: DueReservation, now: Date) => Promise<ExpiryOutcome>;
  readonly clock?: () => Date;
}

/** `expired`: this call recorded ReservationExpired (or replayed its key); `skipped`: refused. */
export type ExpiryOutcome = 'expired' | 'skipped';

export interface ExpiryRound {
  readonly due: number;
  readonly expired: number;
  readonly skipped: number;
  readonly failed: number;
}

export interface ExpiryWorker extends BackgroundWorker {
  /** One round now (tests, operators): releases what is due, up to one batch. */
  runOnce(): Promise<ExpiryRound>;
}

const jittered = (ms: number): number => Math.round(ms * (0.8 + Math.random() * 0.4));

/**
 * Releases reservations past their expiry, round after round: one indexed read of the due
 * deadlines, then one command at a time, so it holds at most one of the pool's connections. The
 * deadlines are durable (reservation_deadlines), so a restart loses none. Replicas may pick the
 * same reservation: the command's idempotency key and the stream's expected version let only one
 * ExpireReservation be recorded; the other replays it or is refused as already settled.
 */
export const startExpiryWorker = (options: ExpiryWorkerOptions): ExpiryWorker => {
  const { pool, schema, logger, batchSize, expire, clock = () => new Date() } = options;

  const runOnce = async (): Promise<ExpiryRound> => {
    const now = clock();
    const due = await dueReservations(pool, schema, { now, limit: batchSize });
    const round = { due: due.length, expired: 0, skipped: 0, failed: 0 };
    for (const reservation of due) {
      try {
        round[await expire(reservation, now)]++;
      } catch (error) {
        // The next round picks it up again: its deadline stays until the reservation is settled.
        round.failed++;
        logger.warn({ err: error, ...reservation }, 'reservation not expired; trying again later');
      }
    }
    if (round.due > 0) logger.info(round, 'expired reservations released');
    return round;
  };

  const stopping = new AbortController();
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      await sleep(jittered(options.intervalMs), stopping.signal);
      if (stopping.signal.aborted) break;
      await runOnce().catch((error: unknown) =>
        logger.warn({ err: error }, 'expired reservations not looked up; trying again later'),
      );
    }
  })();

  return {
    runOnce,
    async stop() {
      stopping.abort();
      await loop;
    },
  };
};
