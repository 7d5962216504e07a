export * from './error-details';
export * from './load-package';
export * from './proto-dir';
export * from './rich-status';
export type * from './generated';
