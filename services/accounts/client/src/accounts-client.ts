import {
  type CallMetadata,
  type ClientOptions,
  createClient,
  outgoingMetadata,
  type RequestOf,
  type ResponseOf,
  unary,
} from '@ledgerline/grpc';
import { type accountsV1, loadPackage } from '@ledgerline/proto';

type GrpcClient = accountsV1.AccountCommandServiceClient;

const RPCS = {
  openAccount: 'OpenAccount',
  depositFunds: 'DepositFunds',
  withdrawFunds: 'WithdrawFunds',
  reserveFunds: 'ReserveFunds',
  captureReservation: 'CaptureReservation',
  releaseReservation: 'ReleaseReservation',
  creditFunds: 'CreditFunds',
  debitFunds: 'DebitFunds',
  freezeAccount: 'FreezeAccount',
  unfreezeAccount: 'UnfreezeAccount',
  closeAccount: 'CloseAccount',
  transferFunds: 'TransferFunds',
} as const satisfies Record<string, keyof accountsV1.AccountCommandServiceDefinition>;

type Rpcs = typeof RPCS;

/** Per call: the propagated metadata (sent as headers) and an optional deadline. */
export interface AccountsCallOptions extends Partial<CallMetadata> {
  /** Overrides the client's default deadline (5 s) for this call. */
  readonly deadlineMs?: number;
  /** Cancels the call. */
  readonly signal?: AbortSignal;
}

export type AccountsClient = {
  readonly [Method in keyof Rpcs]: (
    request: RequestOf<GrpcClient, Rpcs[Method]>,
    options?: AccountsCallOptions,
  ) => Promise<ResponseOf<GrpcClient, Rpcs[Method]>>;
} & {
  /** Closes the channel; calls after it fail. */
  close(): void;
};

/**
 * A typed client of AccountCommandService: one async method per RPC, resolving with the response
 * or rejecting with an RpcError (code, message, google.rpc details). UNAVAILABLE is retried
 * (`options.retries`, default 3); every other status is the caller's to handle. Pass an
 * idempotency key (in the request or the options) to make retrying a command safe.
 */
export const createAccountsClient = (
  address: string,
  options: ClientOptions = {},
): AccountsClient => {
  const { AccountCommandService } = loadPackage(['ledgerline/accounts/v1/accounts.proto'])
    .ledgerline.accounts.v1;
  const client = createClient(AccountCommandService, address, options);
  const call =
    <Rpc extends Rpcs[keyof Rpcs]>(rpc: Rpc) =>
    (
      request: RequestOf<GrpcClient, Rpc>,
      { deadlineMs, signal, ...metadata }: AccountsCallOptions = {},
    ): Promise<ResponseOf<GrpcClient, Rpc>> =>
      unary(client, rpc, request, {
        metadata: outgoingMetadata(metadata),
        ...(deadlineMs !== undefined && { deadlineMs }),
        ...(signal !== undefined && { signal }),
      });
  const methods = Object.fromEntries(
    Object.entries(RPCS).map(([method, rpc]) => [method, call(rpc)]),
  ) as Omit<AccountsClient, 'close'>;
  return { ...methods, close: () => client.close() };
};
