import type { CheckoutCommand } from './commands';
import type { CheckoutState } from './state';

// The saga runtime's contract (libs/sagas) restated for the pure domain, which may not import
// infrastructure: the service checks at compile time that these shapes match.

/** The order events the checkout reacts to (as the orders service records them). */
export type CheckoutEvent =
  | {
      readonly type: 'OrderPlaced';
      readonly orderId: string;
      readonly customerAccountId: string;
      readonly merchantAccountId: string;
      readonly totalMinor: number;
      readonly currency: string;
    }
  | {
      readonly type: 'OrderCancelled';
      readonly orderId: string;
      readonly reason: string;
      readonly wasConfirmed: boolean;
    };

export type CheckoutInput =
  | { readonly kind: 'event'; readonly event: CheckoutEvent }
  | { readonly kind: 'succeeded'; readonly step: string; readonly result: unknown }
  | {
      readonly kind: 'rejected';
      readonly step: string;
      readonly code: string;
      readonly rule: string | null;
      readonly message: string;
    }
  | { readonly kind: 'deadline'; readonly name: string };

export type CheckoutIdName = 'payment' | 'reservation' | 'refund';

export interface CheckoutContext {
  readonly sagaId: string;
  readonly now: string;
  readonly ids: Readonly<Record<CheckoutIdName, string>>;
}

export type CheckoutStatus =
  'running' | 'compensating' | 'completed' | 'compensated' | 'compensation_failed';

export interface CheckoutReaction {
  readonly state: CheckoutState;
  readonly status: CheckoutStatus;
  readonly commands?: readonly CheckoutCommand[];
  readonly deadline?: { readonly name: string; readonly afterMs: number } | null;
  readonly supersede?: readonly string[];
}

export interface CheckoutSettings {
  /** How long the payment may take before the checkout gives up and compensates. */
  readonly paymentTimeoutMs: number;
}

export const PAYMENT_DEADLINE = 'payment-timeout';
