export * from './findings';
export { type FoldProgress } from './fold-store';
export { type LedgerTarget } from './point';
export * from './verify';
export { type SettledMoney } from './compare-search';
