import { assertNever } from '@ledgerline/domain';
import type { OrderCommand } from './commands';
import type { OrderEvent } from './events';
import { cancelOrder, confirmOrder, markOrderShipped, placeOrder } from './lifecycle';
import type { OrderState } from './state';

/*
 * The order rules, in one place:
 * - Fields are parsed first (InvalidInput naming the field, e.g. `lines[2].quantity`), then the
 *   state is checked. The total is computed from the lines (1..100 lines, quantity 1..10 000,
 *   unit price > 0, total ≤ MAX_AMOUNT_MINOR); customer and merchant accounts must differ.
 * - Any command but PlaceOrder on a stream with no order: NotFound('order', id). PlaceOrder on an
 *   existing stream: `already-exists`.
 * - Lifecycle: placed → confirmed → shipped, and placed | confirmed → cancelled. Anything else is
 *   `illegal-transition` naming from and to. A shipped order cannot be cancelled.
 */
export const decideOrder = (command: OrderCommand, state: OrderState): OrderEvent[] => {
  switch (command.type) {
    case 'PlaceOrder':
      return placeOrder(command, state);
    case 'ConfirmOrder':
      return confirmOrder(command, state);
    case 'CancelOrder':
      return cancelOrder(command, state);
    case 'MarkOrderShipped':
      return markOrderShipped(command, state);
    default:
      return assertNever(command);
  }
};
