import { SQLSTATE } from './sqlstate';

/**
 * Migration 7: `append_events_batch`, several independent appends in ONE transaction, so they
 * share one round trip and one commit (group commit, ADR 0033). Each entry is exactly what one
 * call of `append_events` would do for its stream (expected version, event ids, idempotency key),
 * run in its own subtransaction: an entry that fails is rolled back alone and comes back as an
 * error row (SQLSTATE, message, detail, constraint), the others still commit.
 *
 * Ordering (ADR 0004): every idempotency key's lock, then every stream's lock, each in one fixed
 * order (sorted, as append_events_many does; keys before streams, as append_events does), all
 * before the first write. So the transaction id, assigned at the first write, is taken only once
 * every stream of the batch is held, and a later append to any of them gets a larger one.
 *
 * Entry i has the events p_first[i] .. p_first[i] + p_count[i] - 1 of the parallel event arrays.
 * One row per event of entry i (r_entry = i) as append_events returns them; a failed entry has one
 * row with r_error_code set. At most 64 entries: each writing subtransaction takes a subxid, and a
 * transaction with more than 64 overflows the subxid cache that every snapshot would then consult.
 */
export const appendBatchFunction = (s: string, schema: string): string => `
CREATE FUNCTION ${s}.append_events_batch(
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
  v_stream_id text;
  v_category text;
  v_key text;
  v_ids uuid[];
  v_from integer;
  v_to integer;
  v_count integer;
  v_current integer;
  v_prior record;
  v_found integer;
  v_done boolean;
  v_positions bigint[];
  v_versions integer[];
  v_xids xid8[];
  v_times timestamptz[];
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
    v_stream_id := p_stream_ids[i];
    v_category := p_categories[i];
    v_key := p_idem_keys[i];
    v_from := p_first[i];
    v_count := p_count[i];
    v_to := v_from + v_count - 1;
    v_ids := p_ids[v_from : v_to];
    v_done := false;
    v_positions := NULL;
    BEGIN
      -- From here on, what append_events does for one stream (its locks are held already).
      IF v_key IS NOT NULL THEN
        SELECT k.request_hash, k.result INTO v_prior
          FROM ${s}.idempotency_keys k WHERE k.category = v_category AND k.key = v_key;
        IF FOUND THEN
          IF v_prior.request_hash IS DISTINCT FROM p_request_hashes[i] THEN
            RAISE EXCEPTION 'idempotency key % reused for a different request', v_key
              USING ERRCODE = '${SQLSTATE.idempotencyKeyConflict}';
          END IF;
          RETURN QUERY
            SELECT i, e.global_position, e.stream_version, e.transaction_id, e.recorded_at,
                   jsonb_build_object('eventId', e.event_id, 'type', e.event_type,
                     'schemaVersion', e.schema_version, 'data', e.data, 'metadata', e.metadata),
                   NULL::text, NULL::text, NULL::text, NULL::text
              FROM ${s}.events e
             WHERE e.stream_id = v_prior.result->>'streamId'
               AND e.stream_version BETWEEN (v_prior.result->>'firstVersion')::integer
                                        AND (v_prior.result->>'nextVersion')::integer
             ORDER BY e.stream_version;
          v_done := true;
        END IF;
      END IF;

      IF NOT v_done AND p_check_ids[i] THEN
        SELECT count(*) INTO v_found FROM ${s}.events e WHERE e.event_id = ANY (v_ids);
        IF v_found > 0 THEN
          IF v_found = v_count AND v_ids = ARRAY(
               SELECT e.event_id FROM ${s}.events e
                WHERE e.stream_id = v_stream_id
                  AND e.transaction_id = (SELECT e2.transaction_id FROM ${s}.events e2
                                           WHERE e2.event_id = v_ids[1])
                ORDER BY e.stream_version) THEN
            RETURN QUERY
              SELECT i, e.global_position, e.stream_version, e.transaction_id, e.recorded_at,
                     jsonb_build_object('eventId', e.event_id, 'type', e.event_type,
                       'schemaVersion', e.schema_version, 'data', e.data, 'metadata', e.metadata),
                     NULL::text, NULL::text, NULL::text, NULL::text
                FROM ${s}.events e
               WHERE e.event_id = ANY (v_ids)
               ORDER BY e.stream_version;
            v_done := true;
          ELSE
            RAISE EXCEPTION 'duplicate event id in append to %', v_stream_id
              USING ERRCODE = '${SQLSTATE.duplicateEventId}',
                    DETAIL = (SELECT e.event_id::text FROM ${s}.events e
                               WHERE e.event_id = ANY (v_ids) LIMIT 1);
          END IF;
        END IF;
      END IF;

      IF NOT v_done THEN
        INSERT INTO ${s}.streams AS st (stream_id, category, version)
        VALUES (v_stream_id, v_category, v_count)
        ON CONFLICT (stream_id) DO UPDATE SET version = st.version + v_count, updated_at = now()
        RETURNING st.version - v_count INTO v_current;
        IF NOT (p_expected[i] = -1
                OR (p_expected[i] = -2 AND v_current = 0)
                OR (p_expected[i] = -3 AND v_current > 0)
                OR p_expected[i] = v_current) THEN
          RAISE EXCEPTION 'wrong expected version for %', v_stream_id
            USING ERRCODE = '${SQLSTATE.wrongExpectedVersion}', DETAIL = v_current::text;
        END IF;

        -- Rows are kept and returned only after the block: an error after RETURN QUERY would roll
        -- the writes back but not the rows already returned.
        WITH inserted AS (
          INSERT INTO ${s}.events AS e
            (stream_id, stream_category, stream_version, event_id, event_type, schema_version,
             data, metadata)
          SELECT v_stream_id, v_category, v_current + x.ord::integer, x.id, x.type,
                 x.schema_version, x.data, x.metadata
            FROM unnest(v_ids, p_types[v_from : v_to], p_schema_versions[v_from : v_to],
                        p_data[v_from : v_to], p_metadata[v_from : v_to])
                 WITH ORDINALITY AS x(id, type, schema_version, data, metadata, ord)
           ORDER BY x.ord
          RETURNING e.global_position, e.stream_version, e.transaction_id, e.recorded_at
        )
        SELECT array_agg(ins.global_position ORDER BY ins.stream_version),
               array_agg(ins.stream_version ORDER BY ins.stream_version),
               array_agg(ins.transaction_id ORDER BY ins.stream_version),
               array_agg(ins.recorded_at ORDER BY ins.stream_version)
          INTO v_positions, v_versions, v_xids, v_times
          FROM inserted ins;

        IF v_key IS NOT NULL THEN
          INSERT INTO ${s}.idempotency_keys (category, key, request_hash, result)
          VALUES (v_category, v_key, p_request_hashes[i],
                  jsonb_build_object('streamId', v_stream_id, 'firstVersion', v_current + 1,
                                     'nextVersion', v_current + v_count));
        END IF;
      END IF;
    EXCEPTION WHEN OTHERS THEN
      -- This entry alone is rolled back; it reports what append_events would have raised.
      v_positions := NULL;
      GET STACKED DIAGNOSTICS r_error_code = RETURNED_SQLSTATE, r_error_message = MESSAGE_TEXT,
        r_error_detail = PG_EXCEPTION_DETAIL, r_error_constraint = CONSTRAINT_NAME;
      RETURN QUERY SELECT i, NULL::bigint, NULL::integer, NULL::xid8, NULL::timestamptz,
        NULL::jsonb, r_error_code, r_error_message, NULLIF(r_error_detail, ''),
        NULLIF(r_error_constraint, '');
    END;
    IF v_positions IS NOT NULL THEN
      RETURN QUERY
        SELECT i, x.p, x.v, x.t, x.r, NULL::jsonb, NULL::text, NULL::text, NULL::text, NULL::text
          FROM unnest(v_positions, v_versions, v_xids, v_times) AS x(p, v, t, r);
    END IF;
  END LOOP;
END
$fn$;
`;
