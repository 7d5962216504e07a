import { assertNever } from '@ledgerline/domain';
import type { CheckoutCommand, CheckoutStep, CompensationStep } from './commands';
import type { CheckoutFacts } from './state';

/** The command of each step, built from the checkout's facts. */
export const commandFor = (
  step: CheckoutStep,
  f: CheckoutFacts,
  reason: string,
): CheckoutCommand => {
  const money = { amount: f.amount, currency: f.currency };
  const reference = `checkout of order ${f.orderId}, payment ${f.paymentId}`;
  // Only the steps that take the customer's money act for the customer; the rest are settlement.
  const onBehalf = f.onBehalfOf === undefined ? {} : { onBehalfOf: f.onBehalfOf };
  switch (step) {
    case 'create-payment':
      return {
        step,
        type: 'CreatePayment',
        paymentId: f.paymentId,
        orderId: f.orderId,
        payerAccountId: f.customerAccountId,
        payeeAccountId: f.merchantAccountId,
        ...money,
        ...onBehalf,
      };
    case 'reserve-funds':
      return {
        step,
        type: 'ReserveFunds',
        accountId: f.customerAccountId,
        reservationId: f.reservationId,
        ...money,
        ...onBehalf,
      };
    case 'authorize-payment':
      return {
        step,
        type: 'AuthorizePayment',
        paymentId: f.paymentId,
        reservationId: f.reservationId,
      };
    case 'capture-reservation':
      return {
        step,
        type: 'CaptureReservation',
        accountId: f.customerAccountId,
        reservationId: f.reservationId,
      };
    case 'credit-merchant':
      return { step, type: 'CreditFunds', accountId: f.merchantAccountId, reference, ...money };
    case 'capture-payment':
      return { step, type: 'CapturePayment', paymentId: f.paymentId };
    case 'confirm-order':
      return { step, type: 'ConfirmOrder', orderId: f.orderId, paymentId: f.paymentId };
    case 'release-reservation':
      return {
        step,
        compensation: true,
        type: 'ReleaseReservation',
        accountId: f.customerAccountId,
        reservationId: f.reservationId,
      };
    case 'fail-payment':
      return { step, compensation: true, type: 'FailPayment', paymentId: f.paymentId, reason };
    case 'cancel-order':
      return { step, compensation: true, type: 'CancelOrder', orderId: f.orderId, reason };
    case 'return-to-customer':
      return {
        step,
        compensation: true,
        type: 'CreditFunds',
        accountId: f.customerAccountId,
        reference: `reversal of ${reference}`,
        ...money,
      };
    case 'take-back-from-merchant':
      return {
        step,
        compensation: true,
        type: 'DebitFunds',
        accountId: f.merchantAccountId,
        reference: `reversal of ${reference}`,
        ...money,
      };
    case 'refund-payment':
      return {
        step,
        compensation: true,
        type: 'RefundPayment',
        paymentId: f.paymentId,
        refundId: f.refundId,
        amount: f.amount,
      };
    case 'refund-debit-merchant':
      return {
        step,
        compensation: true,
        type: 'DebitFunds',
        accountId: f.merchantAccountId,
        reference: `refund of ${reference}`,
        ...money,
      };
    case 'refund-credit-customer':
      return {
        step,
        compensation: true,
        type: 'CreditFunds',
        accountId: f.customerAccountId,
        reference: `refund of ${reference}`,
        ...money,
      };
    default:
      return assertNever(step);
  }
};

/**
 * A refused compensation whose refusal means "already so" counts as done: a reservation that is
 * not there (the reserve never landed) or already settled, a payment never created or already
 * failed, an order already cancelled, a refund already made. Any other refusal needs an operator.
 */
export const refusalMeansDone = (
  step: CompensationStep,
  code: string,
  rule: string | null,
): boolean => {
  switch (step) {
    case 'release-reservation':
      return (
        code === 'NOT_FOUND' ||
        rule === 'reservation-not-found' ||
        rule === 'reservation-already-settled'
      );
    case 'fail-payment':
      return code === 'NOT_FOUND' || rule === 'illegal-transition';
    case 'cancel-order':
      return rule === 'illegal-transition';
    case 'refund-payment':
      return rule === 'refund-already-exists';
    case 'return-to-customer':
    case 'take-back-from-merchant':
    case 'refund-debit-merchant':
    case 'refund-credit-customer':
      return false;
    default:
      return assertNever(step);
  }
};

const compensationSteps: Readonly<Record<CompensationStep, true>> = {
  'release-reservation': true,
  'fail-payment': true,
  'cancel-order': true,
  'return-to-customer': true,
  'take-back-from-merchant': true,
  'refund-payment': true,
  'refund-debit-merchant': true,
  'refund-credit-customer': true,
};

export const isCompensationStep = (step: string): step is CompensationStep =>
  Object.hasOwn(compensationSteps, step);

const forwardSteps: Readonly<Record<Exclude<CheckoutStep, CompensationStep>, true>> = {
  'create-payment': true,
  'reserve-funds': true,
  'authorize-payment': true,
  'capture-reservation': true,
  'credit-merchant': true,
  'capture-payment': true,
  'confirm-order': true,
};

export const isCheckoutStep = (step: string): step is CheckoutStep =>
  isCompensationStep(step) || Object.hasOwn(forwardSteps, step);
