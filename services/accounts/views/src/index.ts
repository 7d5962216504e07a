export { ACCOUNT_EVENTS_TOPIC } from './account-event';
export * from './balances/balance-change';
export * from './balances/projection';
export * from './balances/queries';
export * from './balances/directory';
export * from './history/projection';
export * from './history/queries';
export * from './history/transaction-row';
export { MAX_PAGE_SIZE, type Queryable } from '@ledgerline/projections';
