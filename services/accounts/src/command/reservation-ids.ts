import { type AccountCommand, ReservationHistoryNeeded } from '@ledgerline/accounts-domain';
import { RuleViolation } from '@ledgerline/domain';
import { type Migration, type PostgresEventStore } from '@ledgerline/event-store';
import { DatabaseError } from 'pg';

// Reservation ids are unique per account for good, but the account's state remembers only the
// latest settlements (ADR 0018). The rest of the guarantee lives here, in the accounts schema.

const RESERVED_ONCE_INDEX = 'events_reservation_reserved_once';

/** The accounts schema's own migrations (event-store migrations are numbered below 1000). */
export const accountsMigrations: readonly Migration[] = [
  {
    version: 1001,
    name: 'a reservation id is reserved once per account',
    // Also what streamHasEvent uses to find a reservation the state forgot.
    sql: (s) => `CREATE UNIQUE INDEX ${RESERVED_ONCE_INDEX}
      ON ${s}.events (stream_id, (data ->> 'reservationId')) WHERE event_type = 'FundsReserved';`,
  },
];

/** A second FundsReserved of an id, refused by the index, is the decider's rule, not a fault. */
export const asReusedReservationId = (error: unknown, command: AccountCommand): unknown => {
  const reused =
    error instanceof DatabaseError &&
    error.code === '23505' &&
    error.constraint === RESERVED_ONCE_INDEX &&
    command.type === 'ReserveFunds';
  return reused
    ? new RuleViolation(
        'reservation-already-exists',
        `account ${command.data.accountId} already had reservation ${command.data.reservationId}`,
      )
    : error;
};

/**
 * Runs `decide` (through `run`); when it needs to know whether the stream ever reserved an id the
 * state forgot, looks that up (one indexed read) and runs the command again with the answer.
 */
export const withReservationHistory = async <Result>(
  store: Pick<PostgresEventStore, 'streamHasEvent'>,
  streamId: string,
  command: AccountCommand,
  run: (command: AccountCommand) => Promise<Result>,
): Promise<Result> => {
  try {
    return await run(command);
  } catch (error) {
    if (!(error instanceof ReservationHistoryNeeded)) throw asReusedReservationId(error, command);
    if (
      command.type !== 'ReserveFunds' &&
      command.type !== 'CaptureReservation' &&
      command.type !== 'ReleaseReservation'
    )
      throw error;
    const reservationOnRecord = await store.streamHasEvent(streamId, {
      type: 'FundsReserved',
      field: 'reservationId',
      value: error.reservationId,
    });
    return run({ ...command, metadata: { ...command.metadata, reservationOnRecord } });
  }
};
