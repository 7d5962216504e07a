import {
  type ClientOptions,
  createClient,
  type RequestOf,
  type ResponseOf,
  unary,
} from '@ledgerline/grpc';
import { type accountsV1, loadPackage } from '@ledgerline/proto';

type GrpcClient = accountsV1.AccountQueryServiceClient;

const RPCS = {
  getBalance: 'GetBalance',
  listTransactions: 'ListTransactions',
  getAccount: 'GetAccount',
  listAccounts: 'ListAccounts',
} as const satisfies Record<string, keyof accountsV1.AccountQueryServiceDefinition>;

type Rpcs = typeof RPCS;

export interface AccountQueryCallOptions {
  /** Overrides the client's default deadline (5 s) for this call. */
  readonly deadlineMs?: number;
  /** Cancels the call. */
  readonly signal?: AbortSignal;
}

export type AccountQueryClient = {
  readonly [Method in keyof Rpcs]: (
    request: RequestOf<GrpcClient, Rpcs[Method]>,
    options?: AccountQueryCallOptions,
  ) => Promise<ResponseOf<GrpcClient, Rpcs[Method]>>;
} & {
  /** Closes the channel; calls after it fail. */
  close(): void;
};

/**
 * A typed client of AccountQueryService: one async method per RPC, resolving with the response
 * or rejecting with an RpcError (code, message, google.rpc details). UNAVAILABLE is retried
 * (`options.retries`, default 3); queries are safe to repeat.
 */
export const createAccountQueryClient = (
  address: string,
  options: ClientOptions = {},
): AccountQueryClient => {
  const { AccountQueryService } = loadPackage(['ledgerline/accounts/v1/accounts_query.proto'])
    .ledgerline.accounts.v1;
  const client = createClient(AccountQueryService, address, options);
  const call =
    <Rpc extends Rpcs[keyof Rpcs]>(rpc: Rpc) =>
    (
      request: RequestOf<GrpcClient, Rpc>,
      { deadlineMs, signal }: AccountQueryCallOptions = {},
    ): Promise<ResponseOf<GrpcClient, Rpc>> =>
      unary(client, rpc, request, {
        ...(deadlineMs !== undefined && { deadlineMs }),
        ...(signal !== undefined && { signal }),
      });
  return {
    getBalance: call(RPCS.getBalance),
    listTransactions: call(RPCS.listTransactions),
    getAccount: call(RPCS.getAccount),
    listAccounts: call(RPCS.listAccounts),
    close: () => client.close(),
  };
};
