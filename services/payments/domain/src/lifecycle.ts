import {
  InvalidInput,
  RuleViolation,
  parseCurrency,
  parseId,
  parsePositiveAmount,
  parseSubject,
  parseText,
} from '@ledgerline/domain';
import type { AuthorizePayment, CapturePayment, CreatePayment, FailPayment } from './commands';
import type { PaymentAuthorized, PaymentCaptured, PaymentCreated, PaymentFailed } from './events';
import { factsOf, illegalTransition, requirePayment } from './guards';
import type { PaymentState } from './state';

export const MAX_FAILURE_REASON_LENGTH = 500;

export const createPayment = (
  { data, metadata }: CreatePayment,
  state: PaymentState,
): [PaymentCreated] => {
  const paymentId = parseId('paymentId', data.paymentId);
  const orderId = parseId('orderId', data.orderId);
  const payerAccountId = parseId('payerAccountId', data.payerAccountId);
  const payeeAccountId = parseId('payeeAccountId', data.payeeAccountId);
  if (payeeAccountId === payerAccountId)
    throw new InvalidInput('payeeAccountId', 'must differ from payerAccountId');
  const amount = parsePositiveAmount('amount', data.amount);
  const currency = parseCurrency('currency', data.currency);
  const ownerId = data.ownerId === undefined ? undefined : parseSubject('ownerId', data.ownerId);
  if (state.status !== 'none')
    throw new RuleViolation('already-exists', `payment ${paymentId} already exists`);
  return [
    {
      type: 'PaymentCreated',
      data: {
        paymentId,
        orderId,
        payerAccountId,
        payeeAccountId,
        amount,
        currency,
        ownerId: ownerId ?? null,
        at: metadata.now,
      },
    },
  ];
};

export const authorizePayment = (
  { data, metadata }: AuthorizePayment,
  state: PaymentState,
): [PaymentAuthorized] => {
  const paymentId = parseId('paymentId', data.paymentId);
  const reservationId = parseId('reservationId', data.reservationId);
  const payment = requirePayment(state, paymentId);
  if (payment.status !== 'created') throw illegalTransition(payment, 'authorized');
  const { amount } = payment;
  return [
    {
      type: 'PaymentAuthorized',
      data: { ...factsOf(payment, metadata.now), amount, reservationId },
    },
  ];
};

export const capturePayment = (
  { data, metadata }: CapturePayment,
  state: PaymentState,
): [PaymentCaptured] => {
  const payment = requirePayment(state, parseId('paymentId', data.paymentId));
  if (payment.status !== 'authorized') throw illegalTransition(payment, 'captured');
  const { amount, reservationId } = payment;
  return [
    { type: 'PaymentCaptured', data: { ...factsOf(payment, metadata.now), amount, reservationId } },
  ];
};

export const failPayment = (
  { data, metadata }: FailPayment,
  state: PaymentState,
): [PaymentFailed] => {
  const paymentId = parseId('paymentId', data.paymentId);
  const reason = parseText('reason', data.reason, MAX_FAILURE_REASON_LENGTH);
  const payment = requirePayment(state, paymentId);
  if (payment.status !== 'created' && payment.status !== 'authorized')
    throw illegalTransition(payment, 'failed');
  const reservationId = payment.status === 'authorized' ? payment.reservationId : null;
  const { amount } = payment;
  return [
    {
      type: 'PaymentFailed',
      data: { ...factsOf(payment, metadata.now), amount, reason, reservationId },
    },
  ];
};
