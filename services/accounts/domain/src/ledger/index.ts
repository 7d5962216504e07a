export * from './ledger-fold';
export * from './movement';
