import { quoteSchema } from './migrations';

// The privileges each kind of service needs in PostgreSQL, as GRANT statements the schemas'
// owner runs (`platform db migrate`, ADR 0028). A service role gets nothing else: no CREATE, no
// schema it has no business reading, and never UPDATE, DELETE or TRUNCATE on recorded events.

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const quoteRole = (role: string): string => {
  if (!ROLE_NAME.test(role)) {
    throw new Error(`event-store: role "${role}" must match ${String(ROLE_NAME)}`);
  }
  return `"${role}"`;
};

/**
 * A command service and its outbox relay, in its context's event store: append (events, streams,
 * the idempotency key of a request), read, prune idempotency keys, keep snapshots, the relay's
 * checkpoint and the context's own tables (data keys, reservation deadlines kept by a trigger on
 * the events), and see which migrations are applied. Recorded events and the migrations' record
 * are the exceptions: SELECT and INSERT on events, SELECT on schema_migrations.
 */
export const commandServiceGrants = (schema: string, role: string): string[] => {
  const s = quoteSchema(schema);
  const r = quoteRole(role);
  return [
    `GRANT USAGE ON SCHEMA ${s} TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`,
    `REVOKE ALL ON ${s}.events, ${s}.schema_migrations FROM ${r}`,
    `GRANT SELECT, INSERT ON ${s}.events TO ${r}`,
    `GRANT SELECT ON ${s}.schema_migrations TO ${r}`,
  ];
};

/**
 * A query service reading a context's event store: the head of its log, for lag and catch-up, and
 * the subjects' data keys, to open personal fields a relay publishes as ciphertext.
 */
export const eventReaderGrants = (schema: string, role: string): string[] => {
  const s = quoteSchema(schema);
  const r = quoteRole(role);
  return [
    `GRANT USAGE ON SCHEMA ${s} TO ${r}`,
    `REVOKE ALL ON ${s}.events FROM ${r}`,
    `GRANT SELECT ON ${s}.events, ${s}.data_keys, ${s}.stream_subjects TO ${r}`,
  ];
};

/**
 * A consumer of a context's published events outside its query service (the checkout saga): the
 * subjects' data keys only, to open the personal fields the relay publishes sealed. Not the
 * events, nor which streams a subject owns.
 */
export const keyReaderGrants = (schema: string, role: string): string[] => {
  const s = quoteSchema(schema);
  const r = quoteRole(role);
  return [`GRANT USAGE ON SCHEMA ${s} TO ${r}`, `GRANT SELECT ON ${s}.data_keys TO ${r}`];
};

/**
 * A schema holding a service's own mutable state (projection runtime and views, saga tables):
 * rows of every table, including tables the owner creates later (a view's rebuilt copy), but no
 * DDL.
 */
export const stateSchemaGrants = (schema: string, role: string): string[] => {
  const s = quoteSchema(schema);
  const r = quoteRole(role);
  return [
    `GRANT USAGE ON SCHEMA ${s} TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE, SELECT ON SEQUENCES TO ${r}`,
  ];
};
