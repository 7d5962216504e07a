import { SQLSTATE } from './sqlstate';

/**
 * Migration 4: `append_events_many`, an append to several streams in ONE transaction (ADR 0022).
 * The ordering argument of ADR 0004 holds for every stream of the call: the idempotency key's
 * lock first, then every stream's lock in one fixed order (sorted ids, so two calls touching the
 * same streams cannot deadlock), and only then the first write, which assigns the transaction id.
 *
 * p_stream_ids / p_categories / p_expected: one entry per stream (codes as in append_events).
 * The events arrive as parallel arrays; p_stream_of says which stream (1-based) each belongs to.
 * One idempotency key covers the whole call, recorded under p_key_category with every stream's
 * version range; a retry returns what was recorded (r_replayed set), a different request conflicts.
 */
export const appendManyFunction = (s: string, schema: string): string => `
CREATE FUNCTION ${s}.append_events_many(
  p_stream_ids text[],
  p_categories text[],
  p_expected bigint[],
  p_stream_of integer[],
  p_ids uuid[],
  p_types text[],
  p_schema_versions integer[],
  p_data jsonb[],
  p_metadata jsonb[],
  p_key_category text,
  p_idem_key text,
  p_request_hash text
) RETURNS TABLE (
  r_stream_id text,
  r_position bigint,
  r_version integer,
  r_transaction_id xid8,
  r_recorded_at timestamptz,
  r_replayed jsonb
) LANGUAGE plpgsql AS $fn$
DECLARE
  v_streams integer := cardinality(p_stream_ids);
  v_stream_id text;
  v_count integer;
  v_current integer;
  v_prior record;
  v_ranges jsonb := '[]'::jsonb;
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'append to % must be the first write of its transaction', p_stream_ids[1]
      USING ERRCODE = '${SQLSTATE.notFirstWrite}';
  END IF;
  IF (SELECT count(DISTINCT x) FROM unnest(p_stream_ids) x) <> v_streams THEN
    RAISE EXCEPTION 'append_events_many: a stream is named twice';
  END IF;

  IF p_idem_key IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('${schema}/key/' || p_key_category || '/' || p_idem_key, 0));
    SELECT k.request_hash, k.result INTO v_prior
      FROM ${s}.idempotency_keys k WHERE k.category = p_key_category AND k.key = p_idem_key;
    IF FOUND THEN
      IF v_prior.request_hash IS DISTINCT FROM p_request_hash OR NOT (v_prior.result ? 'streams') THEN
        RAISE EXCEPTION 'idempotency key % reused for a different request', p_idem_key
          USING ERRCODE = '${SQLSTATE.idempotencyKeyConflict}';
      END IF;
      RETURN QUERY
        SELECT e.stream_id, e.global_position, e.stream_version, e.transaction_id, e.recorded_at,
               jsonb_build_object('eventId', e.event_id, 'type', e.event_type,
                 'schemaVersion', e.schema_version, 'data', e.data, 'metadata', e.metadata)
          FROM jsonb_array_elements(v_prior.result->'streams') WITH ORDINALITY AS r(range, ord)
          JOIN ${s}.events e
            ON e.stream_id = r.range->>'streamId'
           AND e.stream_version BETWEEN (r.range->>'firstVersion')::integer
                                    AND (r.range->>'nextVersion')::integer
         ORDER BY r.ord, e.stream_version;
      RETURN;
    END IF;
  END IF;

  -- Every stream lock before the first write, in one global order.
  FOR v_stream_id IN SELECT x FROM unnest(p_stream_ids) x ORDER BY x COLLATE "C" LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('${schema}/stream/' || v_stream_id, 0));
  END LOOP;

  FOR i IN 1 .. v_streams LOOP
    SELECT count(*) INTO v_count FROM unnest(p_stream_of) o WHERE o = i;
    IF v_count = 0 THEN
      RAISE EXCEPTION 'append to %: no events', p_stream_ids[i];
    END IF;
    INSERT INTO ${s}.streams AS st (stream_id, category, version)
    VALUES (p_stream_ids[i], p_categories[i], v_count)
    ON CONFLICT (stream_id) DO UPDATE SET version = st.version + v_count, updated_at = now()
    RETURNING st.version - v_count INTO v_current;
    IF NOT (p_expected[i] = -1
            OR (p_expected[i] = -2 AND v_current = 0)
            OR (p_expected[i] = -3 AND v_current > 0)
            OR p_expected[i] = v_current) THEN
      -- Raising undoes everything this call wrote, on every stream.
      RAISE EXCEPTION 'wrong expected version for %', p_stream_ids[i]
        USING ERRCODE = '${SQLSTATE.wrongExpectedVersion}', DETAIL = v_current::text,
              HINT = p_stream_ids[i];
    END IF;

    RETURN QUERY
      WITH inserted AS (
        INSERT INTO ${s}.events AS e
          (stream_id, stream_category, stream_version, event_id, event_type, schema_version, data, metadata)
        SELECT p_stream_ids[i], p_categories[i], v_current + row_number() OVER (ORDER BY x.ord)::integer,
               x.id, x.type, x.schema_version, x.data, x.metadata
          FROM unnest(p_stream_of, p_ids, p_types, p_schema_versions, p_data, p_metadata)
               WITH ORDINALITY AS x(stream_of, id, type, schema_version, data, metadata, ord)
         WHERE x.stream_of = i
         ORDER BY x.ord
        RETURNING e.stream_id, e.global_position, e.stream_version, e.transaction_id, e.recorded_at
      )
      SELECT ins.stream_id, ins.global_position, ins.stream_version, ins.transaction_id,
             ins.recorded_at, NULL::jsonb
        FROM inserted ins ORDER BY ins.stream_version;

    v_ranges := v_ranges || jsonb_build_array(jsonb_build_object(
      'streamId', p_stream_ids[i], 'firstVersion', v_current + 1, 'nextVersion', v_current + v_count));
  END LOOP;

  IF p_idem_key IS NOT NULL THEN
    INSERT INTO ${s}.idempotency_keys (category, key, request_hash, result)
    VALUES (p_key_category, p_idem_key, p_request_hash, jsonb_build_object('streams', v_ranges));
  END IF;
END
$fn$;
`;
