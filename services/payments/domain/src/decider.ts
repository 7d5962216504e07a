import type { Decider } from '@ledgerline/domain';
import type { PaymentCommand } from './commands';
import { decidePayment } from './decide';
import type { PaymentEvent } from './events';
import { evolvePayment } from './evolve';
import { initialPaymentState, type PaymentState } from './state';

export const paymentDecider: Decider<PaymentCommand, PaymentState, PaymentEvent> = {
  initialState: initialPaymentState,
  decide: decidePayment,
  evolve: evolvePayment,
};
