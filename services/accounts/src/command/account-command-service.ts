import { type AccountCommand, accountStreamId, parseTtl } from '@ledgerline/accounts-domain';
import { actingFor, checkSagaDerivedId, toReceipt } from '@ledgerline/command-service';
import { parseId } from '@ledgerline/domain';
import { type PostgresEventStore, type RecordedEvent } from '@ledgerline/event-store';
import { callDeadline, type ServiceBinding, unaryHandlers } from '@ledgerline/grpc';
import { type Logger } from '@ledgerline/logging';
import { type accountsV1, type commonV1, loadPackage } from '@ledgerline/proto';
import { type AccountCommands } from './account-commands';
import { withMoneyFieldPaths } from './field-paths';
import { checkOpenedFor, ownerCheck } from './ownership';
import { withReservationHistory } from './reservation-ids';
import { refuseRejectedReservation } from './reservation-outcome';
import { type AccountRpc, type RequestOf, toCommand } from './to-command';
import { transferFundsHandler } from './transfer-funds';

export const loadAccountsPackage = () =>
  loadPackage(['ledgerline/accounts/v1/accounts.proto']).ledgerline.accounts.v1;

/** What an RPC does with the recorded events besides returning the receipt. */
const outcomeChecks: Partial<Record<AccountRpc, (events: readonly RecordedEvent[]) => void>> = {
  ReserveFunds: refuseRejectedReservation,
};

/**
 * A reservation holds for its request's ttl, else the service's default, and ends at the instant
 * read off the clock that stamped the command's `now` (the domain reads no clock). The default
 * stays out of the command's data, so a retry hashes the same whatever the default is.
 */
const withExpiry = (command: AccountCommand, received: Date, defaultTtlMs: number) => {
  if (command.type !== 'ReserveFunds') return command;
  const ttlMs = parseTtl('ttlMs', command.data.ttlMs ?? defaultTtlMs);
  const expiresAt = new Date(received.getTime() + ttlMs).toISOString();
  return { ...command, metadata: { ...command.metadata, expiresAt } };
};

/**
 * AccountCommandService over the shared command loop. Every RPC is the same three steps: the
 * request becomes a command (stamped with the time it arrived), runCommand decides and appends
 * it on the account's stream, and the receipt goes back. The rules live in the decider; who may
 * touch the account (its owner, see ownership.ts) is asked with the account's state before it.
 */
export const accountCommandService = ({
  store,
  logger,
  run,
  reservationTtlMs,
}: {
  store: PostgresEventStore;
  logger: Logger;
  run: AccountCommands;
  /** RESERVATION_TTL_MS: how long a reservation holds when its request names no ttl_ms. */
  reservationTtlMs: number;
}): ServiceBinding => {
  const unary = unaryHandlers({ logger });
  const handle = <Rpc extends AccountRpc>(rpc: Rpc) =>
    unary<RequestOf<Rpc>, { receipt: commonV1.CommandReceipt }>(async (request, call) => {
      // The decider records the normalised id, so the stream is named after it too.
      const streamId = accountStreamId(parseId('accountId', request.accountId));
      const received = new Date();
      const command = withExpiry(
        toCommand[rpc](request, { now: received.toISOString() }),
        received,
        reservationTtlMs,
      );
      const actor = actingFor(call.metadata);
      if (command.type === 'OpenAccount') checkOpenedFor(actor, command.data.ownerId);
      if (command.type === 'ReserveFunds')
        checkSagaDerivedId(call.metadata, command.data.reservationId);
      const result = await withMoneyFieldPaths('amount' in request, () =>
        withReservationHistory(store, streamId, command, (decided) =>
          run({
            streamId,
            command: decided,
            metadata: call.metadata,
            idempotencyKey: request.idempotencyKey,
            deadline: callDeadline(call),
            authorize: ownerCheck(actor),
          }),
        ),
      );
      outcomeChecks[rpc]?.(result.events);
      return { receipt: toReceipt(result) };
    });
  const implementation: accountsV1.AccountCommandServiceHandlers = {
    OpenAccount: handle('OpenAccount'),
    DepositFunds: handle('DepositFunds'),
    WithdrawFunds: handle('WithdrawFunds'),
    ReserveFunds: handle('ReserveFunds'),
    CaptureReservation: handle('CaptureReservation'),
    ReleaseReservation: handle('ReleaseReservation'),
    CreditFunds: handle('CreditFunds'),
    DebitFunds: handle('DebitFunds'),
    FreezeAccount: handle('FreezeAccount'),
    UnfreezeAccount: handle('UnfreezeAccount'),
    CloseAccount: handle('CloseAccount'),
    TransferFunds: transferFundsHandler(store, unary),
  };
  return { definition: loadAccountsPackage().AccountCommandService.service, implementation };
};
