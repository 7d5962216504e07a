import { assertNever } from '@ledgerline/domain';
import type { PaymentCommand } from './commands';
import type { PaymentEvent } from './events';
import { authorizePayment, capturePayment, createPayment, failPayment } from './lifecycle';
import { refundPayment } from './refunds';
import type { PaymentState } from './state';

/*
 * The payment rules, in one place:
 * - Fields are parsed first (InvalidInput naming the field), then the state is checked.
 * - Any command but CreatePayment on a stream with no payment: NotFound('payment', id).
 *   CreatePayment on an existing stream: `already-exists`. Payer and payee must differ.
 * - Lifecycle: created → authorized → captured → partially_refunded → refunded, and
 *   created | authorized → failed. Anything else is `illegal-transition` naming from and to.
 * - Capture takes the full authorized amount; refunds never exceed captured minus refunded
 *   (`refund-exceeds-captured`) and each refund id is used once (`refund-already-exists`).
 */
export const decidePayment = (command: PaymentCommand, state: PaymentState): PaymentEvent[] => {
  switch (command.type) {
    case 'CreatePayment':
      return createPayment(command, state);
    case 'AuthorizePayment':
      return authorizePayment(command, state);
    case 'CapturePayment':
      return capturePayment(command, state);
    case 'FailPayment':
      return failPayment(command, state);
    case 'RefundPayment':
      return refundPayment(command, state);
    default:
      return assertNever(command);
  }
};
