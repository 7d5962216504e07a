import { type CommandServiceDefinition } from '@ledgerline/command-service';
import { ORDER_STREAM_CATEGORY, orderPrivacyCatalog } from '@ledgerline/orders-domain';
import { loadPackage } from '@ledgerline/proto';
import { orderCommandHandlers } from './command/handlers';

export interface OrdersServiceOptions {
  /** The event store schema; tests pass a unique one so each suite has its own tables. */
  readonly schema?: string;
}

/** The orders command service: OrderCommandService over the `order` streams. */
export const createOrdersService = (
  options: OrdersServiceOptions = {},
): CommandServiceDefinition => ({
  name: 'orders',
  schema: options.schema ?? 'orders',
  categories: [ORDER_STREAM_CATEGORY],
  privacy: orderPrivacyCatalog,
  services: ({ store, logger }) => {
    const { OrderCommandService } = loadPackage(['ledgerline/orders/v1/orders.proto']).ledgerline
      .orders.v1;
    return [
      {
        definition: OrderCommandService.service,
        implementation: orderCommandHandlers({ store, logger }),
      },
    ];
  },
});

export const ordersService = createOrdersService();
