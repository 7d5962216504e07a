export * from './cipher';
export * from './codec';
export * from './keyring';
export * from './kms';
export * from './ttl-cache';
