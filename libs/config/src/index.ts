export * from './config-error';
export * from './load-config';
export * from './platform';
export * from './settings';
export * from './postgres';
export * from './security';
export * from './store-credentials';
