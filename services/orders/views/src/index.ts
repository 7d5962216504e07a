export { ORDER_EVENTS_TOPIC } from './order-event';
export * from './orders/order-change';
export * from './orders/projection';
export * from './orders/queries';
export * from './search/order-document';
export * from './search/projection';
export { MAX_PAGE_SIZE, type Queryable } from '@ledgerline/projections';
