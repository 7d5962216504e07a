import { type Pool } from 'pg';
import { maySetUpSchema } from './schema-privileges';

import { appendBodyFunctions } from './append-body.sql';
import { appendManyFunction } from './append-many.sql';
import { appendBatchFunction } from './group-commit.sql';
import { SQLSTATE } from './sqlstate';

/** One forward-only schema change; `sql` receives the quoted schema name. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  sql(schema: string): string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,55}$/;

/** Schema names are plain lower-case identifiers, so they quote trivially and fit a NOTIFY channel. */
export const quoteSchema = (schema: string): string => {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`event-store: schema "${schema}" must match ${String(SCHEMA_NAME)}`);
  }
  return `"${schema}"`;
};

/** The channel appends are announced on: `<schema>_events`. */
export const notifyChannel = (schema: string): string => `${schema}_events`;

export { SQLSTATE };

const tables = (s: string): string => `
CREATE TABLE ${s}.streams (
  stream_id text PRIMARY KEY,
  category text NOT NULL,
  version integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
) WITH (fillfactor = 70); -- room for HOT updates of the version

CREATE TABLE ${s}.events (
  global_position bigint GENERATED ALWAYS AS IDENTITY,
  stream_id text NOT NULL,
  stream_category text NOT NULL,
  stream_version integer NOT NULL,
  event_id uuid NOT NULL,
  event_type text NOT NULL,
  schema_version integer NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT events_stream_version_pk PRIMARY KEY (stream_id, stream_version),
  CONSTRAINT events_event_id_key UNIQUE (event_id)
);
CREATE INDEX events_global_order ON ${s}.events (transaction_id, global_position);
CREATE INDEX events_category_order ON ${s}.events (stream_category, transaction_id, global_position);

CREATE TABLE ${s}.idempotency_keys (
  category text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  result jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (category, key)
);
CREATE INDEX idempotency_keys_created_at ON ${s}.idempotency_keys (created_at);

CREATE TABLE ${s}.snapshots (
  stream_id text PRIMARY KEY,
  version integer NOT NULL,
  position bigint NOT NULL,
  state jsonb NOT NULL,
  state_version integer NOT NULL,
  taken_at timestamptz NOT NULL DEFAULT now()
);
`;

/**
 * The whole append in one round trip. Order matters (ADR 0004): nothing is written before the
 * stream's advisory lock is held, so the transaction id (assigned at the first write) of a later
 * append to a stream is always greater than that of the earlier one.
 *
 * p_expected: >= 0 exact version, -1 any, -2 no_stream, -3 stream_exists.
 * The events arrive as parallel arrays (ids, types, schema versions, data, metadata).
 * One row per event: its generated columns, plus, only when the request was recognised as a retry
 * and nothing was written, the recorded event itself in r_replayed.
 */
const appendFunction = (s: string, schema: string): string => `
CREATE FUNCTION ${s}.append_events(
  p_stream_id text,
  p_category text,
  p_expected bigint,
  p_ids uuid[],
  p_types text[],
  p_schema_versions integer[],
  p_data jsonb[],
  p_metadata jsonb[],
  p_check_ids boolean,
  p_idem_key text,
  p_request_hash text,
  p_notify boolean
) RETURNS TABLE (
  r_position bigint,
  r_version integer,
  r_transaction_id xid8,
  r_recorded_at timestamptz,
  r_replayed jsonb
) LANGUAGE plpgsql AS $fn$
DECLARE
  v_count integer := cardinality(p_ids);
  v_current integer;
  v_prior record;
  v_found integer;
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'append to % must be the first write of its transaction', p_stream_id
      USING ERRCODE = '${SQLSTATE.notFirstWrite}';
  END IF;

  IF p_idem_key IS NOT NULL THEN
    -- Fixed lock order: idempotency key first, then the stream.
    PERFORM pg_advisory_xact_lock(hashtextextended('${schema}/key/' || p_category || '/' || p_idem_key, 0));
    SELECT k.request_hash, k.result INTO v_prior
      FROM ${s}.idempotency_keys k WHERE k.category = p_category AND k.key = p_idem_key;
    IF FOUND THEN
      IF v_prior.request_hash IS DISTINCT FROM p_request_hash THEN
        RAISE EXCEPTION 'idempotency key % reused for a different request', p_idem_key
          USING ERRCODE = '${SQLSTATE.idempotencyKeyConflict}';
      END IF;
      RETURN QUERY
        SELECT e.global_position, e.stream_version, e.transaction_id, e.recorded_at,
               jsonb_build_object('eventId', e.event_id, 'type', e.event_type,
                 'schemaVersion', e.schema_version, 'data', e.data, 'metadata', e.metadata)
          FROM ${s}.events e
         WHERE e.stream_id = v_prior.result->>'streamId'
           AND e.stream_version BETWEEN (v_prior.result->>'firstVersion')::integer
                                    AND (v_prior.result->>'nextVersion')::integer
         ORDER BY e.stream_version;
      RETURN;
    END IF;
  END IF;

  PERFORM pg_advisory_xact_lock(hashtextextended('${schema}/stream/' || p_stream_id, 0));

  IF p_check_ids THEN
    -- Client-supplied ids that already exist are either exactly this batch of this stream,
    -- retried (return what was recorded), or a mistake.
    SELECT count(*) INTO v_found FROM ${s}.events e WHERE e.event_id = ANY (p_ids);
    IF v_found > 0 THEN
      IF v_found = v_count AND p_ids = ARRAY(
           SELECT e.event_id FROM ${s}.events e
            WHERE e.stream_id = p_stream_id
              AND e.transaction_id = (SELECT e2.transaction_id FROM ${s}.events e2
                                       WHERE e2.event_id = p_ids[1])
            ORDER BY e.stream_version) THEN
        RETURN QUERY
          SELECT e.global_position, e.stream_version, e.transaction_id, e.recorded_at,
                 jsonb_build_object('eventId', e.event_id, 'type', e.event_type,
                   'schemaVersion', e.schema_version, 'data', e.data, 'metadata', e.metadata)
            FROM ${s}.events e
           WHERE e.event_id = ANY (p_ids)
           ORDER BY e.stream_version;
        RETURN;
      END IF;
      RAISE EXCEPTION 'duplicate event id in append to %', p_stream_id
        USING ERRCODE = '${SQLSTATE.duplicateEventId}',
              DETAIL = (SELECT e.event_id::text FROM ${s}.events e
                         WHERE e.event_id = ANY (p_ids) LIMIT 1);
    END IF;
  END IF;

  -- One statement reads and bumps the version; a mismatch raises, which undoes the bump.
  INSERT INTO ${s}.streams AS st (stream_id, category, version)
  VALUES (p_stream_id, p_category, v_count)
  ON CONFLICT (stream_id) DO UPDATE SET version = st.version + v_count, updated_at = now()
  RETURNING st.version - v_count INTO v_current;
  IF NOT (p_expected = -1
          OR (p_expected = -2 AND v_current = 0)
          OR (p_expected = -3 AND v_current > 0)
          OR p_expected = v_current) THEN
    RAISE EXCEPTION 'wrong expected version for %', p_stream_id
      USING ERRCODE = '${SQLSTATE.wrongExpectedVersion}', DETAIL = v_current::text;
  END IF;

  IF v_count = 1 THEN
    -- The common case, without a set-returning scan.
    INSERT INTO ${s}.events AS e
      (stream_id, stream_category, stream_version, event_id, event_type, schema_version, data, metadata)
    VALUES (p_stream_id, p_category, v_current + 1, p_ids[1], p_types[1], p_schema_versions[1],
            p_data[1], p_metadata[1])
    RETURNING e.global_position, e.stream_version, e.transaction_id, e.recorded_at
      INTO r_position, r_version, r_transaction_id, r_recorded_at;
    RETURN NEXT;
  ELSE
    RETURN QUERY
      WITH inserted AS (
        INSERT INTO ${s}.events AS e
          (stream_id, stream_category, stream_version, event_id, event_type, schema_version, data, metadata)
        SELECT p_stream_id, p_category, v_current + x.ord::integer, x.id, x.type, x.schema_version,
               x.data, x.metadata
          FROM unnest(p_ids, p_types, p_schema_versions, p_data, p_metadata)
               WITH ORDINALITY AS x(id, type, schema_version, data, metadata, ord)
         ORDER BY x.ord
        RETURNING e.global_position, e.stream_version, e.transaction_id, e.recorded_at
      )
      SELECT i.global_position, i.stream_version, i.transaction_id, i.recorded_at, NULL::jsonb
        FROM inserted i;
  END IF;

  IF p_idem_key IS NOT NULL THEN
    INSERT INTO ${s}.idempotency_keys (category, key, request_hash, result)
    VALUES (p_category, p_idem_key, p_request_hash,
            jsonb_build_object('streamId', p_stream_id, 'firstVersion', v_current + 1,
                               'nextVersion', v_current + v_count));
  END IF;

  IF p_notify THEN
    PERFORM pg_notify('${notifyChannel(schema)}', p_stream_id);
  END IF;
END
$fn$;
`;

/**
 * Recorded events are facts: no role, the owner included, updates, deletes or truncates them
 * (ADR 0028). Service roles are not granted UPDATE or DELETE either; this trigger also stops the
 * schema's owner, who holds every privilege on its own tables. The relay's checkpoints move here
 * from the relay's start, so the owner creates every table a service role is granted.
 */
const appendOnly = (s: string): string => `
CREATE FUNCTION ${s}.events_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION '%.events is append-only: % is not allowed', TG_TABLE_SCHEMA, TG_OP
    USING ERRCODE = '${SQLSTATE.appendOnly}';
END
$fn$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${s}.events
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.events_append_only();
CREATE TABLE IF NOT EXISTS ${s}.relay_checkpoints (
  relay text PRIMARY KEY,
  transaction_id xid8 NOT NULL,
  position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;

// One data key per subject (a customer, a merchant), wrapped by the key-encryption key. Forgetting
// a subject sets wrapped_key to NULL: its ciphertexts stay in events and Kafka, and no key opens
// them. stream_subjects records whose personal data a stream holds (named by its first event).
const privacyTables = (s: string): string => `
CREATE TABLE ${s}.data_keys (
  subject_id text PRIMARY KEY,
  key_id uuid NOT NULL UNIQUE,
  wrapped_key bytea,
  kek_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  forgotten_at timestamptz,
  CONSTRAINT data_keys_forgotten_has_no_key CHECK (forgotten_at IS NULL OR wrapped_key IS NULL)
);
CREATE TABLE ${s}.stream_subjects (
  stream_id text PRIMARY KEY,
  subject_id text NOT NULL
);
CREATE INDEX stream_subjects_subject ON ${s}.stream_subjects (subject_id);
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'event store tables', sql: tables },
  {
    version: 2,
    name: 'append_events function',
    sql: (s) => appendFunction(s, s.slice(1, -1)),
  },
  {
    version: 3,
    name: 'idempotency keys of clients by age',
    // Saga keys are kept longer than clients' keys: without this index, pruning clients' keys
    // would walk past every saga key younger than the saga retention on each batch.
    sql: (
      s,
    ) => `CREATE INDEX idempotency_keys_client_created_at ON ${s}.idempotency_keys (created_at)
      WHERE key NOT LIKE 'saga:%';`,
  },
  {
    version: 4,
    name: 'append_events_many function (one transaction over several streams)',
    sql: (s) => appendManyFunction(s, s.slice(1, -1)),
  },
  {
    version: 5,
    name: 'data keys of subjects, for personal fields (crypto-shredding)',
    sql: privacyTables,
  },
  { version: 6, name: 'events are append-only; relay checkpoints', sql: appendOnly },
  {
    version: 7,
    name: 'append_events_batch function (group commit of independent appends)',
    sql: (s) => appendBatchFunction(s, s.slice(1, -1)),
  },
  {
    version: 8,
    name: 'append_events_body, the one append body of append_events and append_events_batch',
    sql: (s) => appendBodyFunctions(s, s.slice(1, -1), notifyChannel(s.slice(1, -1))),
  },
];

/**
 * The versions not yet recorded in `schema`, read without a lock or any privilege beyond SELECT
 * on schema_migrations: a service starting under its least-privileged role finds none and
 * touches nothing.
 */
const pendingMigrations = async (
  pool: Pool,
  schema: string,
  migrations: readonly Migration[],
): Promise<number[]> => {
  const all = migrations.map((m) => m.version);
  const { rows: found } = await pool.query<{ exists: boolean }>(
    `SELECT to_regclass($1) IS NOT NULL AS exists`,
    [`${quoteSchema(schema)}.schema_migrations`],
  );
  if (!found[0]?.exists) return all;
  const { rows } = await pool.query<{ version: number }>(
    `SELECT version FROM ${quoteSchema(schema)}.schema_migrations`,
  );
  const done = new Set(rows.map((row) => row.version));
  return all.filter((version) => !done.has(version));
};

/**
 * Brings `schema` up to the latest migration. Runs in one transaction behind an advisory lock, so
 * processes starting together apply each migration exactly once; records them in schema_migrations.
 */
export const migrate = async (
  pool: Pool,
  { schema, migrations = MIGRATIONS }: { schema: string; migrations?: readonly Migration[] },
): Promise<{ applied: number[] }> => {
  const s = quoteSchema(schema);
  const pending = await pendingMigrations(pool, schema, migrations);
  if (pending.length === 0) return { applied: [] };
  if (!(await maySetUpSchema(pool, schema))) {
    throw new Error(
      `event-store: schema "${schema}" has pending migrations (${pending.join(', ')}) and the ` +
        `role this process connects as may not apply them; run \`platform db migrate\` as the owner role`,
    );
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // A migration may rewrite a large table, and the lock waits for another process's migration:
    // neither is bounded by the pool's statement_timeout (LOCAL: this transaction only).
    await client.query('SET LOCAL statement_timeout = 0');
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `ledgerline.event-store.migrate/${schema}`,
    ]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ version: number }>(
      `SELECT version FROM ${s}.schema_migrations`,
    );
    const done = new Set(rows.map((row) => row.version));
    const pending = [...migrations]
      .filter((m) => !done.has(m.version))
      .sort((a, b) => a.version - b.version);
    for (const migration of pending) {
      await client.query(migration.sql(s));
      await client.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
    }
    await client.query('COMMIT');
    return { applied: pending.map((m) => m.version) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
