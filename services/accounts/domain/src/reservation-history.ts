/**
 * Thrown by decide when a capture or release names a reservation the state no longer remembers
 * and the command carries no `reservationOnRecord`: not a verdict but a request for one fact. The
 * command service looks it up in the account's stream and decides again (ADR 0018); it never
 * reaches a caller.
 */
export class ReservationHistoryNeeded extends Error {
  constructor(
    readonly accountId: string,
    readonly reservationId: string,
  ) {
    super(`account ${accountId}: whether reservation ${reservationId} was ever made is needed`);
    this.name = 'ReservationHistoryNeeded';
  }
}
