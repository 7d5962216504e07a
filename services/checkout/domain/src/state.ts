import type { CompensationStep, CheckoutStep } from './commands';

/** Everything the checkout needs to know about its order, fixed when the order is placed. */
export interface CheckoutFacts {
  readonly orderId: string;
  readonly customerAccountId: string;
  readonly merchantAccountId: string;
  readonly amount: number;
  readonly currency: string;
  /**
   * The customer the checkout pays for: the user who placed the order, unless that user may act
   * for any owner. The reservation and the payment are made on its behalf, so the accounts
   * service refuses paying from an account it does not own. Absent for orders a workload or an
   * operator placed, and in checkouts started before placers were recorded.
   */
  readonly onBehalfOf?: string;
  /** Derived from the saga id, so every re-send names the same payment, reservation and refund. */
  readonly paymentId: string;
  readonly reservationId: string;
  readonly refundId: string;
}

/**
 * Forward phases wait for one step each (settling for two); `compensating` and `refunding` wait
 * for their compensations; `completed`, `cancelled` and `refunded` wait for nothing, though a
 * completed checkout still reacts to its order being cancelled (the refund path).
 */
export type CheckoutPhase =
  | 'creating-payment'
  | 'reserving'
  | 'authorizing'
  | 'settling'
  | 'capturing-payment'
  | 'confirming'
  | 'completed'
  | 'compensating'
  | 'cancelled'
  | 'refunding'
  | 'refunded';

export interface CheckoutState {
  readonly facts: CheckoutFacts;
  readonly phase: CheckoutPhase;
  /** Steps sent whose outcome has not come back yet. */
  readonly awaiting: readonly CheckoutStep[];
  /** Steps that succeeded (both legs of settling are tracked here). */
  readonly succeeded: readonly CheckoutStep[];
  /** Compensations the services refused: an operator must look at them. */
  readonly failedCompensations: readonly CompensationStep[];
  /** The order was cancelled by someone else while the checkout ran. */
  readonly orderCancelled: boolean;
  /** Why the checkout did not complete (null while it may still complete). */
  readonly reason: string | null;
}
