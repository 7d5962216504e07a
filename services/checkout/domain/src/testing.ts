import type { CheckoutCommand } from './commands';
import type { CheckoutContext, CheckoutInput, CheckoutReaction } from './inputs';
import { checkoutReact } from './react';
import type { CheckoutState } from './state';

export const context: CheckoutContext = {
  sagaId: 'order-1',
  now: '2026-12-01T08:00:00.000Z',
  ids: { payment: 'pay-1', reservation: 'res-1', refund: 'ref-1' },
};

const react = checkoutReact({ paymentTimeoutMs: 30_000 });

export const orderPlaced = (
  totalMinor = 2500,
  placedBy?: string,
  placerActsForAnyOwner?: boolean,
): CheckoutInput => ({
  kind: 'event',
  event: {
    type: 'OrderPlaced',
    orderId: 'order-1',
    customerAccountId: 'customer-1',
    merchantAccountId: 'merchant-1',
    totalMinor,
    currency: 'EUR',
    ...(placedBy !== undefined && { placedBy }),
    ...(placerActsForAnyOwner !== undefined && { placerActsForAnyOwner }),
  },
});

export const orderCancelled = (wasConfirmed = false): CheckoutInput => ({
  kind: 'event',
  event: {
    type: 'OrderCancelled',
    orderId: 'order-1',
    reason: 'customer changed mind',
    wasConfirmed,
  },
});

export const ok = (step: string): CheckoutInput => ({ kind: 'succeeded', step, result: {} });

export const refused = (
  step: string,
  rule: string | null = null,
  code = 'FAILED_PRECONDITION',
): CheckoutInput => ({ kind: 'rejected', step, code, rule, message: `${step} refused` });

export const deadline: CheckoutInput = { kind: 'deadline', name: 'payment-timeout' };

/** `when(input)` on a given state: the reaction checked against the expectation. */
const on = (state: CheckoutState | undefined) => ({
  when: (input: CheckoutInput) => {
    const reaction = react(input, state, context);
    return {
      /** The commands' types and steps, the saga's status and phase. */
      then(expected: {
        commands: readonly (readonly [CheckoutCommand['type'], string])[];
        status: CheckoutReaction['status'];
        phase: CheckoutState['phase'];
      }): CheckoutReaction {
        expect(reaction).toBeDefined();
        expect({
          commands: (reaction?.commands ?? []).map((c) => [c.type, c.step]),
          status: reaction?.status,
          phase: reaction?.state.phase,
        }).toEqual(expected);
        return reaction!;
      },
      thenIgnored(): void {
        expect(reaction).toBeUndefined();
      },
    };
  },
});

/**
 * given(...inputs).when(input).then(...) for the checkout's react: the given inputs are folded
 * through react (each must change the state), then `when` is checked against the expectation.
 */
export const given = (...history: CheckoutInput[]) => {
  let state: CheckoutState | undefined;
  for (const input of history) {
    const reaction = react(input, state, context);
    if (!reaction) throw new Error(`given: ${JSON.stringify(input)} changed nothing`);
    state = reaction.state;
  }
  return on(state);
};

/**
 * A checkout of order-1 stored as `changes` say, e.g. one started by an earlier release whose
 * steps went another way: when(input).then(...) as with `given`.
 */
export const givenState = (changes: Partial<CheckoutState>) => {
  const started = react(orderPlaced(), undefined, context);
  if (!started) throw new Error('givenState: the order did not start a checkout');
  return on({ ...started.state, ...changes });
};
