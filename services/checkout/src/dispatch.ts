import { type AccountsClient } from '@ledgerline/accounts-client';
import { assertNever } from '@ledgerline/domain';
import { type CheckoutCommand } from '@ledgerline/checkout-domain';
import { type OrdersClient } from '@ledgerline/orders-client';
import { type PaymentsClient } from '@ledgerline/payments-client';
import { type DispatchMetadata } from '@ledgerline/sagas';

export interface CheckoutClients {
  readonly accounts: AccountsClient;
  readonly payments: PaymentsClient;
  readonly orders: OrdersClient;
}

/** The service a checkout command goes to: each has its own queue of commands in flight. */
export const serviceOf = (command: CheckoutCommand): keyof CheckoutClients => {
  switch (command.type) {
    case 'CreatePayment':
    case 'AuthorizePayment':
    case 'CapturePayment':
    case 'FailPayment':
    case 'RefundPayment':
      return 'payments';
    case 'ReserveFunds':
    case 'CaptureReservation':
    case 'ReleaseReservation':
    case 'CreditFunds':
    case 'DebitFunds':
      return 'accounts';
    case 'ConfirmOrder':
    case 'CancelOrder':
      return 'orders';
    default:
      return assertNever(command);
  }
};

/**
 * Sends one checkout command through its service's typed client; resolves with the receipt. The
 * reservation holds for `reservationTtlMs` (default: the accounts service's RESERVATION_TTL_MS):
 * the same on every re-send, so a re-send is the same request.
 */
export const dispatchCheckoutCommand =
  (
    { accounts, payments, orders }: CheckoutClients,
    deadlineMs: number,
    { reservationTtlMs }: { reservationTtlMs?: number } = {},
  ) =>
  async (command: CheckoutCommand, meta: DispatchMetadata): Promise<unknown> => {
    const { sendBy, ...metadata } = meta;
    // The call ends within the saga's send fence, so no other replica supersedes it meanwhile.
    const options = {
      ...metadata,
      deadlineMs: Math.max(1, Math.min(deadlineMs, sendBy.getTime() - Date.now())),
    };
    // The customer's steps carry whom they are for; the services check the account is theirs.
    const forCustomer = (onBehalfOf: string | undefined) =>
      onBehalfOf === undefined ? options : { ...options, onBehalfOf };
    const money = (amount: number, currency: string) => ({ amountMinor: String(amount), currency });
    switch (command.type) {
      case 'CreatePayment':
        return payments.createPayment(
          {
            paymentId: command.paymentId,
            orderId: command.orderId,
            payerAccountId: command.payerAccountId,
            payeeAccountId: command.payeeAccountId,
            amount: String(command.amount),
            currency: command.currency,
          },
          forCustomer(command.onBehalfOf),
        );
      case 'AuthorizePayment':
        return payments.authorizePayment(
          { paymentId: command.paymentId, reservationId: command.reservationId },
          options,
        );
      case 'CapturePayment':
        return payments.capturePayment({ paymentId: command.paymentId }, options);
      case 'FailPayment':
        return payments.failPayment(
          { paymentId: command.paymentId, reason: command.reason },
          options,
        );
      case 'RefundPayment':
        return payments.refundPayment(
          {
            paymentId: command.paymentId,
            refundId: command.refundId,
            amount: String(command.amount),
          },
          options,
        );
      case 'ReserveFunds':
        return (
          await accounts.reserveFunds(
            {
              accountId: command.accountId,
              reservationId: command.reservationId,
              amount: money(command.amount, command.currency),
              ...(reservationTtlMs !== undefined && { ttlMs: String(reservationTtlMs) }),
            },
            forCustomer(command.onBehalfOf),
          )
        ).receipt;
      case 'CaptureReservation':
        return (
          await accounts.captureReservation(
            { accountId: command.accountId, reservationId: command.reservationId },
            options,
          )
        ).receipt;
      case 'ReleaseReservation':
        return (
          await accounts.releaseReservation(
            { accountId: command.accountId, reservationId: command.reservationId },
            options,
          )
        ).receipt;
      case 'CreditFunds':
        return (
          await accounts.creditFunds(
            {
              accountId: command.accountId,
              amount: money(command.amount, command.currency),
              reference: command.reference,
            },
            options,
          )
        ).receipt;
      case 'DebitFunds':
        return (
          await accounts.debitFunds(
            {
              accountId: command.accountId,
              amount: money(command.amount, command.currency),
              reference: command.reference,
            },
            options,
          )
        ).receipt;
      case 'ConfirmOrder':
        return orders.confirmOrder(
          { orderId: command.orderId, paymentId: command.paymentId },
          options,
        );
      case 'CancelOrder':
        return orders.cancelOrder({ orderId: command.orderId, reason: command.reason }, options);
      default:
        return assertNever(command);
    }
  };
