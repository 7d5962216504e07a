import { SQLSTATE } from './sqlstate';

/**
 * Migration 8: one body for the append of one stream. Migration 7's `append_events_batch` carried
 * a copy of what `append_events` (migration 2) does per stream; shipped migrations are never
 * edited, so this one adds `append_events_body` and redefines both (same signatures, rows,
 * SQLSTATEs and messages) to call it, leaving one place where an append's rules live.
 *
 * The body takes the locks itself unless p_locks_held says its caller took them already:
 * `append_events` lets it (the idempotency key's lock before the key is read, the stream's after,
 * as migration 2 did), `append_events_batch` takes every lock of the batch first, sorted, before
 * any entry writes (ADR 0004, ADR 0033). Only the outer functions check that no write came before
 * them: a batch's later entries run after its earlier ones wrote. The body has no EXCEPTION block,
 * so it takes no subtransaction (the batch's 64-entry bound counts one per entry). It is SECURITY
 * INVOKER like the functions calling it, so it can do no more than its caller's grants allow.
 *
 * p_expected: >= 0 exact version, -1 any, -2 no_stream, -3 stream_exists.
 */
const appendBody = (s: string, schema: string, channel: string): string => `
CREATE FUNCTION ${s}.append_events_body(
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
  p_notify boolean,
  p_locks_held boolean
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
  IF p_idem_key IS NOT NULL THEN
    IF NOT p_locks_held THEN
      -- Fixed lock order: idempotency key first, then the stream.
      PERFORM pg_advisory_xact_lock(hashtextextended('${schema}/key/' || p_category || '/' || p_idem_key, 0));
    END IF;
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

  IF NOT p_locks_held THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('${schema}/stream/' || p_stream_id, 0));
  END IF;

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
    PERFORM pg_notify('${channel}', p_stream_id);
  END IF;
END
$fn$;
`;

/** append_events as migration 2 made it (arguments, rows), its body now the shared one. */
const appendEvents = (s: string): string => `
CREATE OR REPLACE FUNCTION ${s}.append_events(
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
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'append to % must be the first write of its transaction', p_stream_id
      USING ERRCODE = '${SQLSTATE.notFirstWrite}';
  END IF;
  RETURN QUERY
    SELECT * FROM ${s}.append_events_body(p_stream_id, p_category, p_expected, p_ids, p_types,
      p_schema_versions, p_data, p_metadata, p_check_ids, p_idem_key, p_request_hash, p_notify,
      false);
END
$fn$;
`;

/**
 * append_events_batch as migration 7 made it (arguments, rows, every lock taken first, one
 * subtransaction per entry), each entry now the shared body with its locks held.
 */
const appendEventsBatch = (s: string, schema: string): string => `
CREATE OR REPLACE FUNCTION ${s}.append_events_batch(
  p_stream_ids text[],
  p_categories text[],
  p_expected bigint[],
  p_check_ids boolean[],
  p_idem_keys text[],
  p_request_hashes text[],
  p_first integer[],
  p_count integer[],
  p_ids uuid[],
  p_types text[],
  p_schema_versions integer[],
  p_data jsonb[],
  p_metadata jsonb[]
) RETURNS TABLE (
  r_entry integer,
  r_position bigint,
  r_version integer,
  r_transaction_id xid8,
  r_recorded_at timestamptz,
  r_replayed jsonb,
  r_error_code text,
  r_error_message text,
  r_error_detail text,
  r_error_constraint text
) LANGUAGE plpgsql AS $fn$
DECLARE
  v_entries integer := cardinality(p_stream_ids);
  v_lock text;
  v_from integer;
  v_to integer;
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'append to % must be the first write of its transaction', p_stream_ids[1]
      USING ERRCODE = '${SQLSTATE.notFirstWrite}';
  END IF;
  IF v_entries > 64 THEN
    RAISE EXCEPTION 'append_events_batch: % entries, at most 64', v_entries;
  END IF;

  -- Every lock before the first write: keys, then streams, each sorted and each once.
  FOR v_lock IN
    SELECT DISTINCT p_categories[i] || '/' || p_idem_keys[i] COLLATE "C" AS k
      FROM generate_subscripts(p_stream_ids, 1) i WHERE p_idem_keys[i] IS NOT NULL ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('${schema}/key/' || v_lock, 0));
  END LOOP;
  FOR v_lock IN SELECT DISTINCT x COLLATE "C" FROM unnest(p_stream_ids) x ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('${schema}/stream/' || v_lock, 0));
  END LOOP;

  FOR i IN 1 .. v_entries LOOP
    v_from := p_first[i];
    v_to := v_from + p_count[i] - 1;
    BEGIN
      -- A plpgsql set-returning function hands back its rows only once it has ended, so an entry
      -- whose body raises has returned no row that the block's rollback would leave behind.
      RETURN QUERY
        SELECT i, b.r_position, b.r_version, b.r_transaction_id, b.r_recorded_at, b.r_replayed,
               NULL::text, NULL::text, NULL::text, NULL::text
          FROM ${s}.append_events_body(p_stream_ids[i], p_categories[i], p_expected[i],
                 p_ids[v_from : v_to], p_types[v_from : v_to], p_schema_versions[v_from : v_to],
                 p_data[v_from : v_to], p_metadata[v_from : v_to], p_check_ids[i],
                 p_idem_keys[i], p_request_hashes[i], false, true) b;
    EXCEPTION WHEN OTHERS THEN
      -- This entry alone is rolled back; it reports what append_events would have raised.
      GET STACKED DIAGNOSTICS r_error_code = RETURNED_SQLSTATE, r_error_message = MESSAGE_TEXT,
        r_error_detail = PG_EXCEPTION_DETAIL, r_error_constraint = CONSTRAINT_NAME;
      RETURN QUERY SELECT i, NULL::bigint, NULL::integer, NULL::xid8, NULL::timestamptz,
        NULL::jsonb, r_error_code, r_error_message, NULLIF(r_error_detail, ''),
        NULLIF(r_error_constraint, '');
    END;
  END LOOP;
END
$fn$;
`;

/** `s` quoted, `schema` bare (it names the advisory locks), `channel` what append_events notifies. */
export const appendBodyFunctions = (s: string, schema: string, channel: string): string =>
  appendBody(s, schema, channel) + appendEvents(s) + appendEventsBatch(s, schema);
