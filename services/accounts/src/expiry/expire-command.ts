import * as grpc from '@grpc/grpc-js';
import { accountIdFromStreamId, ReservationHistoryNeeded } from '@ledgerline/accounts-domain';
import { RuleViolation } from '@ledgerline/domain';
import { type AccountCommands } from '../command/account-commands';
import { type DueReservation } from './deadlines';
import { type ExpiryOutcome } from './expiry-worker';

/** Verdicts that mean nothing is left to expire: a capture or release won, or not due yet. */
const NOTHING_TO_EXPIRE = new Set(['reservation-already-settled', 'reservation-not-expired']);

/** One key per reservation: replicas expiring it at once record one event between them. */
export const expiryIdempotencyKey = (accountId: string, reservationId: string): string =>
  `reservation-expiry:${accountId}:${reservationId}`;

/** ExpireReservation of one due reservation, run like any account command. */
export const expireDueReservation =
  (run: AccountCommands) =>
  async ({ streamId, reservationId }: DueReservation, now: Date): Promise<ExpiryOutcome> => {
    const accountId = accountIdFromStreamId(streamId);
    if (accountId === null) throw new Error(`not an account stream: ${streamId}`);
    try {
      await run({
        streamId,
        command: {
          type: 'ExpireReservation',
          data: { accountId, reservationId },
          metadata: { now: now.toISOString() },
        },
        metadata: new grpc.Metadata(),
        idempotencyKey: expiryIdempotencyKey(accountId, reservationId),
      });
      return 'expired';
    } catch (error) {
      // An open reservation is always in the state: one it forgot was settled long ago.
      if (error instanceof ReservationHistoryNeeded) return 'skipped';
      if (error instanceof RuleViolation && NOTHING_TO_EXPIRE.has(error.rule)) return 'skipped';
      throw error;
    }
  };
