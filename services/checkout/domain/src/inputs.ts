import type { SagaContext, SagaInput, SagaReaction, SagaStatus } from '@ledgerline/domain';
import type { CheckoutCommand } from './commands';
import type { CheckoutState } from './state';

/** The order events the checkout reacts to (as the orders service records them). */
export type CheckoutEvent =
  | {
      readonly type: 'OrderPlaced';
      readonly orderId: string;
      readonly customerAccountId: string;
      readonly merchantAccountId: string;
      readonly totalMinor: number;
      readonly currency: string;
      /** The user who placed the order (absent when a workload did, and on older events). */
      readonly placedBy?: string;
      /** The placer may act for any owner: the paying account need not be its own. */
      readonly placerActsForAnyOwner?: boolean;
    }
  | {
      readonly type: 'OrderCancelled';
      readonly orderId: string;
      readonly reason: string;
      readonly wasConfirmed: boolean;
    };

export type CheckoutInput = SagaInput<CheckoutEvent>;

export type CheckoutIdName = 'payment' | 'reservation' | 'refund';

export type CheckoutContext = SagaContext<CheckoutIdName>;

export type CheckoutStatus = SagaStatus;

export type CheckoutReaction = SagaReaction<CheckoutState, CheckoutCommand>;

export interface CheckoutSettings {
  /** How long the payment may take before the checkout gives up and compensates. */
  readonly paymentTimeoutMs: number;
}

export const PAYMENT_DEADLINE = 'payment-timeout';
