import {
  type AccountCommand,
  type AccountKind,
  type CommandMetadata,
} from '@ledgerline/accounts-domain';
import { enumValue, int64, required } from '@ledgerline/command-service';
import type * as grpc from '@grpc/grpc-js';
import { type accountsV1, type commonV1 } from '@ledgerline/proto';

type Handlers = accountsV1.AccountCommandServiceHandlers;
/** The RPCs on one account's stream; TransferFunds spans two (transfer-funds.ts). */
export type AccountRpc = Exclude<
  keyof accountsV1.AccountCommandServiceDefinition & keyof Handlers,
  'TransferFunds'
>;
/** Every request addresses one account and may carry an idempotency key. */
export type RequestOf<Rpc extends AccountRpc> =
  Handlers[Rpc] extends grpc.handleUnaryCall<infer Request, unknown>
    ? Request & { accountId: string; idempotencyKey: string }
    : never;

const ACCOUNT_KINDS: Readonly<Record<string, AccountKind>> = {
  ACCOUNT_KIND_CUSTOMER: 'customer',
  ACCOUNT_KIND_MERCHANT: 'merchant',
};

/** The amount and currency of a required Money field; the decider checks their values. */
const money = (amount: commonV1.Money__Output | null) => {
  const { amountMinor, currency } = required('amount', amount);
  return { amount: int64('amount.amountMinor', amountMinor), currency };
};

/**
 * Each RPC's request as its domain command. Only shapes change here (enum names, int64 strings,
 * Money): every value is checked by the decider, which names the field it rejects.
 */
export const toCommand: {
  readonly [Rpc in AccountRpc]: (
    request: RequestOf<Rpc>,
    metadata: CommandMetadata,
  ) => AccountCommand;
} = {
  OpenAccount: ({ accountId, ownerId, kind, currency }, metadata) => ({
    type: 'OpenAccount',
    data: { accountId, ownerId, kind: enumValue('kind', kind, ACCOUNT_KINDS), currency },
    metadata,
  }),
  DepositFunds: ({ accountId, amount, reference }, metadata) => ({
    type: 'DepositFunds',
    data: { accountId, ...money(amount), reference },
    metadata,
  }),
  WithdrawFunds: ({ accountId, amount, reference }, metadata) => ({
    type: 'WithdrawFunds',
    data: { accountId, ...money(amount), reference },
    metadata,
  }),
  ReserveFunds: ({ accountId, reservationId, amount, ttlMs }, metadata) => ({
    type: 'ReserveFunds',
    // 0 (unset) is filled in with the service's default; a negative one is the decider's to refuse.
    data: { accountId, reservationId, ...money(amount), ttlMs: int64('ttlMs', ttlMs) || undefined },
    metadata,
  }),
  CaptureReservation: ({ accountId, reservationId }, metadata) => ({
    type: 'CaptureReservation',
    data: { accountId, reservationId },
    metadata,
  }),
  ReleaseReservation: ({ accountId, reservationId }, metadata) => ({
    type: 'ReleaseReservation',
    data: { accountId, reservationId },
    metadata,
  }),
  CreditFunds: ({ accountId, amount, reference }, metadata) => ({
    type: 'CreditFunds',
    data: { accountId, ...money(amount), reference },
    metadata,
  }),
  DebitFunds: ({ accountId, amount, reference }, metadata) => ({
    type: 'DebitFunds',
    data: { accountId, ...money(amount), reference },
    metadata,
  }),
  FreezeAccount: ({ accountId, reason }, metadata) => ({
    type: 'FreezeAccount',
    data: { accountId, reason },
    metadata,
  }),
  UnfreezeAccount: ({ accountId }, metadata) => ({
    type: 'UnfreezeAccount',
    data: { accountId },
    metadata,
  }),
  CloseAccount: ({ accountId }, metadata) => ({
    type: 'CloseAccount',
    data: { accountId },
    metadata,
  }),
};
