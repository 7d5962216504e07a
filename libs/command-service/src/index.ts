export * from './bootstrap';
export * from './config';
export * from './proto-values';
export * from './receipt';
export * from './run-command';
export * from './startup-failure';
export * from './keyed-mutex';
export * from './readiness';
