import { assertNever } from '@ledgerline/domain';
import type { CheckoutStep, CompensationStep } from './commands';
import {
  type CheckoutContext,
  type CheckoutEvent,
  type CheckoutInput,
  type CheckoutReaction,
  type CheckoutSettings,
  type CheckoutStatus,
  PAYMENT_DEADLINE,
} from './inputs';
import type { CheckoutPhase, CheckoutState } from './state';
import { commandFor, isCheckoutStep, isCompensationStep, refusalMeansDone } from './steps';

// OrderPlaced → create-payment and reserve-funds → authorize-payment → capture-reservation and
// credit-merchant → capture-payment → confirm-order (docs/adr/0032). Before money moves (up to
// authorizing) a refusal, the order's cancellation or the payment deadline compensates; once the
// reservation is being captured the checkout goes forward, and an order cancelled after that is
// refunded.

const MAX_REASON = 450;

const statusOf = (
  phase: CheckoutPhase,
  state: Pick<CheckoutState, 'failedCompensations'>,
): CheckoutStatus => {
  switch (phase) {
    case 'creating-payment':
    case 'reserving':
    case 'authorizing':
    case 'settling':
    case 'capturing-payment':
    case 'confirming':
      return 'running';
    case 'completed':
      return 'completed';
    case 'compensating':
    case 'refunding':
      return state.failedCompensations.length > 0 ? 'compensation_failed' : 'compensating';
    case 'cancelled':
    case 'refunded':
      return state.failedCompensations.length > 0 ? 'compensation_failed' : 'compensated';
    default:
      return assertNever(phase);
  }
};

const to = (
  state: CheckoutState,
  phase: CheckoutPhase,
  steps: readonly CheckoutStep[],
  extra: Partial<Omit<CheckoutReaction, 'state' | 'status' | 'commands'>> & {
    readonly reason?: string;
    readonly orderCancelled?: boolean;
  } = {},
): CheckoutReaction => {
  const { reason, orderCancelled, ...rest } = extra;
  const next: CheckoutState = {
    ...state,
    phase,
    awaiting: [...state.awaiting, ...steps],
    ...(reason !== undefined && { reason: reason.slice(0, MAX_REASON) }),
    ...(orderCancelled !== undefined && { orderCancelled }),
  };
  return {
    state: next,
    status: statusOf(phase, next),
    commands: steps.map((step) => commandFor(step, next.facts, next.reason ?? 'checkout failed')),
    ...rest,
  };
};

/** Gives up before money moved: the awaited step is dropped and its effects undone. */
const compensate = (
  state: CheckoutState,
  steps: readonly CompensationStep[],
  reason: string,
  extra: { readonly supersede?: readonly CheckoutStep[]; readonly orderCancelled?: boolean } = {},
): CheckoutReaction =>
  to({ ...state, awaiting: [] }, 'compensating', steps, { reason, deadline: null, ...extra });

const refund = (state: CheckoutState): CheckoutReaction =>
  to(state, 'refunding', ['refund-payment', 'refund-debit-merchant', 'refund-credit-customer'], {
    reason: 'order cancelled after payment',
    orderCancelled: true,
  });

/**
 * The payment and the reservation are asked for together (neither needs the other); once both
 * have answered the payment is authorised with the reservation, or what was made is undone. A
 * checkout started when they went one after the other reaches here with only the payment made.
 */
const afterOpening = (state: CheckoutState): CheckoutReaction => {
  if (state.awaiting.length > 0) return { state, status: 'running' };
  const created = state.succeeded.includes('create-payment');
  const reserved = state.succeeded.includes('reserve-funds');
  if (state.reason === null && created)
    return reserved
      ? to(state, 'authorizing', ['authorize-payment'])
      : to(state, 'reserving', ['reserve-funds']);
  const undo: CompensationStep[] = [
    ...(reserved ? (['release-reservation'] as const) : []),
    ...(created ? (['fail-payment'] as const) : []),
    'cancel-order',
  ];
  return compensate(state, undo, state.reason ?? 'payment could not be opened');
};

/**
 * Gives up while the payment and the reservation are being made: whichever is still awaited is
 * superseded, and both are undone ("never happened" counts as done), the order too unless it was
 * cancelled already.
 */
const abandonOpening = (
  state: CheckoutState,
  reason: string,
  cancelOrder: boolean,
): CheckoutReaction => {
  const reserveSent =
    state.awaiting.includes('reserve-funds') || state.succeeded.includes('reserve-funds');
  const undo: CompensationStep[] = [
    ...(reserveSent ? (['release-reservation'] as const) : []),
    'fail-payment',
    ...(cancelOrder ? (['cancel-order'] as const) : []),
  ];
  const supersede = state.awaiting.filter(
    (step) => step === 'create-payment' || step === 'reserve-funds',
  );
  return compensate(state, undo, reason, {
    supersede,
    ...(cancelOrder ? {} : { orderCancelled: true }),
  });
};

/** Both legs of settling have answered: go on, or undo the leg that did succeed. */
const afterSettling = (state: CheckoutState): CheckoutReaction => {
  const captured = state.succeeded.includes('capture-reservation');
  const credited = state.succeeded.includes('credit-merchant');
  if (captured && credited) return to(state, 'capturing-payment', ['capture-payment']);
  const reason = state.reason ?? 'payment could not be settled';
  if (captured)
    return compensate(state, ['return-to-customer', 'fail-payment', 'cancel-order'], reason);
  if (credited)
    return compensate(
      state,
      ['take-back-from-merchant', 'release-reservation', 'fail-payment', 'cancel-order'],
      reason,
    );
  return compensate(state, ['release-reservation', 'fail-payment', 'cancel-order'], reason);
};

/** A compensation answered (done, or refused for good): finish once none is outstanding. */
const compensationAnswered = (
  state: CheckoutState,
  step: CompensationStep,
  failed: boolean,
): CheckoutReaction => {
  const failedCompensations = failed
    ? [...state.failedCompensations.filter((s) => s !== step), step]
    : state.failedCompensations.filter((s) => s !== step);
  const next: CheckoutState = { ...state, failedCompensations };
  const finished = next.awaiting.length === 0;
  const phase: CheckoutPhase =
    state.phase === 'refunding' || state.phase === 'refunded'
      ? finished
        ? 'refunded'
        : 'refunding'
      : finished
        ? 'cancelled'
        : 'compensating';
  return { state: { ...next, phase }, status: statusOf(phase, next) };
};

const start = (
  event: Extract<CheckoutEvent, { type: 'OrderPlaced' }>,
  { ids }: CheckoutContext,
  settings: CheckoutSettings,
): CheckoutReaction => {
  const state: CheckoutState = {
    facts: {
      orderId: event.orderId,
      customerAccountId: event.customerAccountId,
      merchantAccountId: event.merchantAccountId,
      amount: event.totalMinor,
      currency: event.currency,
      ...(event.placedBy !== undefined &&
        event.placerActsForAnyOwner !== true && { onBehalfOf: event.placedBy }),
      paymentId: ids.payment,
      reservationId: ids.reservation,
      refundId: ids.refund,
    },
    phase: 'creating-payment',
    awaiting: [],
    succeeded: [],
    failedCompensations: [],
    orderCancelled: false,
    reason: null,
  };
  return to(state, 'creating-payment', ['create-payment', 'reserve-funds'], {
    deadline: { name: PAYMENT_DEADLINE, afterMs: settings.paymentTimeoutMs },
  });
};

const orderCancelled = (state: CheckoutState, reason: string): CheckoutReaction | undefined => {
  const why = `order cancelled: ${reason}`;
  switch (state.phase) {
    case 'creating-payment':
    case 'reserving':
      return abandonOpening(state, why, false);
    case 'authorizing':
      return compensate(state, ['release-reservation', 'fail-payment'], why, {
        supersede: ['authorize-payment'],
        orderCancelled: true,
      });
    case 'settling':
    case 'capturing-payment':
    case 'confirming':
      // Money is moving: finish it, then refund (confirm-order will be refused, or see 'completed').
      return { state: { ...state, orderCancelled: true }, status: 'running' };
    case 'completed':
      return refund(state);
    case 'compensating':
    case 'cancelled':
    case 'refunding':
    case 'refunded':
      return undefined; // our own CancelOrder coming back, or nothing left to undo
    default:
      return assertNever(state.phase);
  }
};

const deadlineReached = (state: CheckoutState): CheckoutReaction | undefined => {
  const reason = 'payment not completed in time';
  switch (state.phase) {
    case 'creating-payment':
    case 'reserving':
      return abandonOpening(state, reason, true);
    case 'authorizing':
      return compensate(state, ['release-reservation', 'fail-payment', 'cancel-order'], reason, {
        supersede: ['authorize-payment'],
      });
    case 'settling':
    case 'capturing-payment':
    case 'confirming':
    case 'completed':
    case 'compensating':
    case 'cancelled':
    case 'refunding':
    case 'refunded':
      return undefined;
    default:
      return assertNever(state.phase);
  }
};

const succeeded = (state: CheckoutState, step: CheckoutStep): CheckoutReaction | undefined => {
  const awaited = state.awaiting.includes(step);
  if (isCompensationStep(step)) {
    if (!awaited && !state.failedCompensations.includes(step)) return undefined;
    return compensationAnswered(
      { ...state, awaiting: state.awaiting.filter((s) => s !== step) },
      step,
      false,
    );
  }
  if (!awaited) return undefined;
  const next: CheckoutState = {
    ...state,
    awaiting: state.awaiting.filter((s) => s !== step),
    succeeded: [...state.succeeded, step],
  };
  switch (step) {
    case 'create-payment':
    case 'reserve-funds':
      return afterOpening(next);
    case 'authorize-payment':
      // The point of no return: from here the checkout finishes (or refunds), whatever the clock.
      return to(next, 'settling', ['capture-reservation', 'credit-merchant'], { deadline: null });
    case 'capture-reservation':
    case 'credit-merchant':
      return next.awaiting.length > 0 ? { state: next, status: 'running' } : afterSettling(next);
    case 'capture-payment':
      return to(next, 'confirming', ['confirm-order']);
    case 'confirm-order':
      return next.orderCancelled ? refund(next) : to(next, 'completed', []);
    default:
      return assertNever(step);
  }
};

const rejected = (
  state: CheckoutState,
  step: CheckoutStep,
  { code, rule, message }: { code: string; rule: string | null; message: string },
): CheckoutReaction | undefined => {
  const awaited = state.awaiting.includes(step);
  if (isCompensationStep(step)) {
    if (!awaited && !state.failedCompensations.includes(step)) return undefined;
    const done = refusalMeansDone(step, code, rule);
    return compensationAnswered(
      { ...state, awaiting: state.awaiting.filter((s) => s !== step) },
      step,
      !done,
    );
  }
  if (!awaited) return undefined;
  const next: CheckoutState = { ...state, awaiting: state.awaiting.filter((s) => s !== step) };
  switch (step) {
    case 'create-payment':
      return afterOpening({ ...next, reason: next.reason ?? `payment refused: ${message}` });
    case 'reserve-funds': {
      // PERMISSION_DENIED: the order's placer does not own the paying account. A refusal like
      // any other: nothing was reserved, the payment fails and the order is cancelled.
      const reason =
        rule === 'insufficient-funds'
          ? 'insufficient funds'
          : rule === 'account-frozen'
            ? 'account frozen'
            : code === 'PERMISSION_DENIED'
              ? "the paying account is not the customer's"
              : `funds not reserved: ${message}`;
      return afterOpening({ ...next, reason: next.reason ?? reason });
    }
    case 'authorize-payment':
      return compensate(
        next,
        ['release-reservation', 'fail-payment', 'cancel-order'],
        `payment not authorized: ${message}`,
      );
    case 'capture-reservation':
    case 'credit-merchant': {
      const failed = { ...next, reason: next.reason ?? `payment not settled: ${message}` };
      return failed.awaiting.length > 0
        ? { state: failed, status: 'running' }
        : afterSettling(failed);
    }
    case 'capture-payment':
      return compensate(
        next,
        ['return-to-customer', 'take-back-from-merchant', 'fail-payment', 'cancel-order'],
        `payment not captured: ${message}`,
      );
    case 'confirm-order':
      return refund(next); // the order was cancelled while the money moved
    default:
      return assertNever(step);
  }
};

/**
 * The checkout saga's pure process manager. Returns undefined for an input that changes nothing
 * (a duplicate outcome, an event it has nothing to do with).
 */
export const checkoutReact =
  (settings: CheckoutSettings) =>
  (
    input: CheckoutInput,
    state: CheckoutState | undefined,
    context: CheckoutContext,
  ): CheckoutReaction | undefined => {
    switch (input.kind) {
      case 'event':
        switch (input.event.type) {
          case 'OrderPlaced':
            return state ? undefined : start(input.event, context, settings);
          case 'OrderCancelled':
            return state ? orderCancelled(state, input.event.reason) : undefined;
          default:
            return assertNever(input.event);
        }
      case 'succeeded':
        return state && isCheckoutStep(input.step) ? succeeded(state, input.step) : undefined;
      case 'rejected':
        return state && isCheckoutStep(input.step) ? rejected(state, input.step, input) : undefined;
      case 'deadline':
        return state && input.name === PAYMENT_DEADLINE ? deadlineReached(state) : undefined;
      default:
        return assertNever(input);
    }
  };
