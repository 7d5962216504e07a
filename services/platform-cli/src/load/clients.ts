import {
  type ClientAuth,
  createClient,
  type RequestOf,
  unary,
  type UnaryCallOptions,
  type UnaryMethodName,
} from '@ledgerline/grpc';
import { loadPackage } from '@ledgerline/proto';

/** The services a load run calls, each `host:port` or replicas `host:port,host:port`. */
export interface ServiceAddresses {
  readonly accounts: string;
  readonly orders: string;
  readonly accountsQuery: string;
  readonly ordersQuery: string;
  readonly paymentsQuery: string;
}

/** Environment variable per address (the services' own names: checkout reads ACCOUNTS_ADDRESS). */
export const ADDRESS_VARIABLES: Readonly<Record<keyof ServiceAddresses, string>> = {
  accounts: 'ACCOUNTS_ADDRESS',
  orders: 'ORDERS_ADDRESS',
  accountsQuery: 'ACCOUNTS_QUERY_ADDRESS',
  ordersQuery: 'ORDERS_QUERY_ADDRESS',
  paymentsQuery: 'PAYMENTS_QUERY_ADDRESS',
};

/** deploy/platform.json's service name per address. */
export const SERVICE_NAMES: Readonly<Record<keyof ServiceAddresses, string>> = {
  accounts: 'accounts',
  orders: 'orders',
  accountsQuery: 'accounts-query',
  ordersQuery: 'orders-query',
  paymentsQuery: 'payments-query',
};

/**
 * One channel per service, retries off (the run retries itself, with the same idempotency key,
 * and counts each retry), the run's own credentials.
 */
export const loadClients = (addresses: ServiceAddresses, auth: ClientAuth, deadlineMs: number) => {
  const options = { auth, retries: 0, deadlineMs };
  const accounts = loadPackage([
    'ledgerline/accounts/v1/accounts.proto',
    'ledgerline/accounts/v1/accounts_query.proto',
  ]).ledgerline.accounts.v1;
  const orders = loadPackage([
    'ledgerline/orders/v1/orders.proto',
    'ledgerline/orders/v1/orders_query.proto',
  ]).ledgerline.orders.v1;
  const payments = loadPackage(['ledgerline/payments/v1/payments_query.proto']).ledgerline.payments
    .v1;
  const clients = {
    accounts: createClient(accounts.AccountCommandService, addresses.accounts, options),
    orders: createClient(orders.OrderCommandService, addresses.orders, options),
    accountsQuery: createClient(accounts.AccountQueryService, addresses.accountsQuery, options),
    ordersQuery: createClient(orders.OrderQueryService, addresses.ordersQuery, options),
    paymentsQuery: createClient(payments.PaymentQueryService, addresses.paymentsQuery, options),
  };
  type Clients = typeof clients;
  const call =
    <K extends keyof Clients, M extends UnaryMethodName<Clients[K]>>(client: K, method: M) =>
    (request: RequestOf<Clients[K], M>, opts?: UnaryCallOptions) =>
      unary(clients[client], method, request, opts);
  return {
    openAccount: call('accounts', 'OpenAccount'),
    depositFunds: call('accounts', 'DepositFunds'),
    placeOrder: call('orders', 'PlaceOrder'),
    getBalance: call('accountsQuery', 'GetBalance'),
    getOrder: call('ordersQuery', 'GetOrder'),
    getPayment: call('paymentsQuery', 'GetPayment'),
    close: () => Object.values(clients).forEach((client) => client.close()),
  };
};

export type LoadClients = ReturnType<typeof loadClients>;
