import { type Migration } from '@ledgerline/event-store';
import { type Pool } from 'pg';

// Which reservations are due to expire is durable state of the accounts schema: a row per open
// reservation that has an expiry, written by a trigger in the same transaction as the event that
// makes or settles it. So the table never disagrees with the stream, stays as small as the open
// reservations, and the expiry worker finds what is due with one indexed read.

const SETTLING_EVENTS = `'ReservationCaptured', 'ReservationReleased', 'ReservationExpired'`;

export const reservationDeadlinesMigration: Migration = {
  version: 1002,
  name: 'open reservations with an expiry, kept by a trigger on the events',
  sql: (s) => `
CREATE TABLE ${s}.reservation_deadlines (
  stream_id text NOT NULL,
  reservation_id text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (stream_id, reservation_id)
);
CREATE INDEX reservation_deadlines_due ON ${s}.reservation_deadlines (expires_at);

CREATE FUNCTION ${s}.track_reservation_deadline() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.event_type = 'FundsReserved' THEN
    INSERT INTO ${s}.reservation_deadlines (stream_id, reservation_id, expires_at)
    VALUES (NEW.stream_id, NEW.data ->> 'reservationId', (NEW.data ->> 'expiresAt')::timestamptz)
    ON CONFLICT DO NOTHING;
  ELSE
    DELETE FROM ${s}.reservation_deadlines
    WHERE stream_id = NEW.stream_id AND reservation_id = NEW.data ->> 'reservationId';
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER events_reservation_deadlines AFTER INSERT ON ${s}.events FOR EACH ROW
WHEN ((NEW.event_type = 'FundsReserved' AND NEW.data ? 'expiresAt')
      OR NEW.event_type IN (${SETTLING_EVENTS}))
EXECUTE FUNCTION ${s}.track_reservation_deadline();`,
};

export interface DueReservation {
  readonly streamId: string;
  readonly reservationId: string;
  readonly expiresAt: Date;
}

/** The reservations whose expiry is at or before `now`, earliest first. */
export const dueReservations = async (
  pool: Pool,
  schema: string,
  { now, limit }: { now: Date; limit: number },
): Promise<DueReservation[]> => {
  const { rows } = await pool.query<{
    stream_id: string;
    reservation_id: string;
    expires_at: Date;
  }>(
    `SELECT stream_id, reservation_id, expires_at FROM "${schema}".reservation_deadlines
      WHERE expires_at <= $1 ORDER BY expires_at LIMIT $2`,
    [now, limit],
  );
  return rows.map((row) => ({
    streamId: row.stream_id,
    reservationId: row.reservation_id,
    expiresAt: row.expires_at,
  }));
};
