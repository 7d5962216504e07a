export * from './findings';
export { type FoldProgress } from './fold-store';
export { type LedgerTarget, parseLedgerTarget } from './point';
export * from './verify';
export { type SettledMoney } from './compare-search';
