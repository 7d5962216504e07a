import { assertNever } from '@ledgerline/domain';
import type { AccountCommand } from './commands';
import type { AccountEvent } from './events';
import { expireReservation } from './expire-reservation';
import { creditFunds, debitFunds, depositFunds, withdrawFunds } from './funds';
import { closeAccount, freezeAccount, openAccount, unfreezeAccount } from './lifecycle';
import { captureReservation, releaseReservation, reserveFunds } from './reservations';
import type { AccountState } from './state';

/*
 * The account rules, in one place:
 * - Fields are parsed first (InvalidInput naming the field), then the state is checked.
 * - Any command but OpenAccount on a stream with no account: NotFound('account', id).
 *   OpenAccount on an existing stream, even a closed one: `already-exists`.
 * - available = balance − reserved and never goes negative: WithdrawFunds and DebitFunds need
 *   enough available (`insufficient-funds`); a balance never exceeds MAX_AMOUNT_MINOR
 *   (`balance-limit-exceeded`), which keeps all arithmetic exact.
 * - ReserveFunds never throws for lack of funds or a frozen account: it records
 *   FundsReservationRejected (reason `insufficient-funds` | `account-frozen`) because the payment
 *   saga reacts to that event.
 * - Frozen blocks money going out on new initiative (withdraw, reserve, debit) but lets money in
 *   (deposit, credit) and lets reservations made before the freeze be captured or released, so
 *   checkouts in flight can settle. Closed blocks every command (`account-closed`).
 * - A reservation is captured or released at most once (`reservation-already-settled`); unknown
 *   ids are `reservation-not-found`; a reservation id is never reused (`reservation-already-exists`).
 *   A reservation may carry an expiry (`ttlMs` from the time it is made): from then on it can no
 *   longer be captured (`reservation-expired`), only released, and the platform's
 *   ExpireReservation releases it (ReservationExpired); before then that is
 *   `reservation-not-expired`. A reservation recorded without an expiry never expires.
 *   The state remembers only recent settlements; for an older id decide asks for the stream's
 *   record (ReservationHistoryNeeded) and the store refuses a second FundsReserved (ADR 0018).
 * - Every amount must be in the account's currency (`currency-mismatch`).
 * - CloseAccount needs no open reservation (`open-reservations`) and a zero balance
 *   (`balance-not-zero`). Freezing a frozen or unfreezing an open account is `illegal-transition`.
 * - TransferFunds (transfer.ts) is decided over two accounts and recorded on both or neither.
 */
export const decideAccount = (command: AccountCommand, state: AccountState): AccountEvent[] => {
  switch (command.type) {
    case 'OpenAccount':
      return openAccount(command, state);
    case 'DepositFunds':
      return depositFunds(command, state);
    case 'WithdrawFunds':
      return withdrawFunds(command, state);
    case 'ReserveFunds':
      return reserveFunds(command, state);
    case 'CaptureReservation':
      return captureReservation(command, state);
    case 'ReleaseReservation':
      return releaseReservation(command, state);
    case 'ExpireReservation':
      return expireReservation(command, state);
    case 'CreditFunds':
      return creditFunds(command, state);
    case 'DebitFunds':
      return debitFunds(command, state);
    case 'FreezeAccount':
      return freezeAccount(command, state);
    case 'UnfreezeAccount':
      return unfreezeAccount(command, state);
    case 'CloseAccount':
      return closeAccount(command, state);
    default:
      return assertNever(command);
  }
};
