import type { Decider } from '@ledgerline/domain';
import type { OrderCommand } from './commands';
import { decideOrder } from './decide';
import type { OrderEvent } from './events';
import { evolveOrder } from './evolve';
import { initialOrderState, type OrderState } from './state';

export const orderDecider: Decider<OrderCommand, OrderState, OrderEvent> = {
  initialState: initialOrderState,
  decide: decideOrder,
  evolve: evolveOrder,
};
