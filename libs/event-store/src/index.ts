export * from './command-loop';
export * from './errors';
export * from './event-store';
export { MAX_GROUP_ENTRIES, type GroupCommitOptions, type GroupCommitStats } from './group-commit';
export {
  MIGRATIONS,
  migrate,
  notifyChannel,
  quoteSchema,
  SQLSTATE,
  type Migration,
} from './migrations';
export { canonicalJson, hashEvents, sha256 } from './request-hash';
export * from './subscribe';
export * from './types';
export * from './upcasters';
export * from './state-cache';
export * from './connection-budget';
export * from './postgres-pool';
export {
  hashStreamAppends,
  type AppendManyOptions,
  type AppendManyResult,
  type StreamAppend,
} from './append-many';
export * from './multi-stream-command';
export {
  commandServiceGrants,
  eventReaderGrants,
  keyReaderGrants,
  stateSchemaGrants,
} from './grants';
export { maySetUpSchema } from './schema-privileges';
