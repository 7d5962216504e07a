import { quoteSchema } from '@ledgerline/event-store';
import { randomBytes, randomUUID } from 'node:crypto';
import { type Pool } from 'pg';
import { KEY_BYTES } from './cipher';
import { type KeyEncryptionKey } from './kms';
import { TtlCache } from './ttl-cache';

export interface DataKey {
  readonly keyId: string;
  readonly key: Buffer;
}

/** Per-subject data keys of one context, wrapped by the KEK (tables from event-store migration 5). */
export interface Keyring {
  /** The subject's key, created on first use; undefined once the subject has been forgotten. */
  keyFor(subject: string): Promise<DataKey | undefined>;
  /** Keys by id; an id missing from the result belongs to a forgotten (or unknown) subject. */
  keysById(keyIds: readonly string[]): Promise<ReadonlyMap<string, Buffer>>;
  /** The subject whose personal data a stream holds, as recorded by its first naming event. */
  subjectOfStream(streamId: string): Promise<string | undefined>;
  recordStreamSubject(streamId: string, subject: string): Promise<void>;
  /**
   * Deletes the subject's key (a tombstone row stays, so the subject is not given a new key) and
   * the snapshots of its streams (their state holds plaintext). Returns the subject's streams.
   */
  forget(
    subject: string,
  ): Promise<{ readonly alreadyForgotten: boolean; readonly streams: readonly string[] }>;
}

export interface PostgresKeyringOptions {
  readonly pool: Pool;
  readonly schema: string;
  readonly kek: KeyEncryptionKey;
  /** How long an unwrapped key is reused (default 60 s). */
  readonly cacheTtlMs?: number;
}

const unwrapContext = (subject: string, keyId: string): string => `${subject}/${keyId}`;

interface KeyRow {
  subject_id: string;
  key_id: string;
  wrapped_key: Buffer | null;
}

export const postgresKeyring = ({
  pool,
  schema,
  kek,
  cacheTtlMs = 60_000,
}: PostgresKeyringOptions): Keyring => {
  const s = quoteSchema(schema);
  const bySubject = new TtlCache<string, DataKey | null>(cacheTtlMs);
  const byId = new TtlCache<string, Buffer | null>(cacheTtlMs);
  // A stream's subject never changes: cached without expiry (bounded).
  const streamSubjects = new TtlCache<string, string>(Number.MAX_SAFE_INTEGER / 2, 50_000);

  const unwrap = async (row: KeyRow): Promise<Buffer | null> =>
    row.wrapped_key ? kek.unwrap(row.wrapped_key, unwrapContext(row.subject_id, row.key_id)) : null;

  const remember = (row: KeyRow, key: Buffer | null): void => {
    byId.set(row.key_id, key);
    bySubject.set(row.subject_id, key ? { keyId: row.key_id, key } : null);
  };

  return {
    async keyFor(subject) {
      const cached = bySubject.get(subject);
      if (cached !== undefined) return cached ?? undefined;
      const keyId = randomUUID();
      const wrapped = await kek.wrap(randomBytes(KEY_BYTES), unwrapContext(subject, keyId));
      // Another process may create the subject's key at the same moment: the first one wins and
      // both read it back.
      const { rows } = await pool.query<KeyRow>(
        `WITH created AS (
           INSERT INTO ${s}.data_keys (subject_id, key_id, wrapped_key, kek_id)
           VALUES ($1, $2, $3, $4) ON CONFLICT (subject_id) DO NOTHING
           RETURNING subject_id, key_id, wrapped_key)
         SELECT * FROM created
         UNION ALL
         SELECT subject_id, key_id, wrapped_key FROM ${s}.data_keys WHERE subject_id = $1`,
        [subject, keyId, wrapped, kek.id],
      );
      // A concurrent first use created it after this statement's snapshot was taken: the insert
      // waited for it and did nothing, and the select could not see it. A new statement does.
      const row =
        rows[0] ??
        (
          await pool.query<KeyRow>(
            `SELECT subject_id, key_id, wrapped_key FROM ${s}.data_keys WHERE subject_id = $1`,
            [subject],
          )
        ).rows[0];
      if (!row) throw new Error('data key: neither created nor found');
      const key = await unwrap(row);
      remember(row, key);
      return key ? { keyId: row.key_id, key } : undefined;
    },

    async keysById(keyIds) {
      const found = new Map<string, Buffer>();
      const missing: string[] = [];
      for (const id of new Set(keyIds)) {
        const cached = byId.get(id);
        if (cached === undefined) missing.push(id);
        else if (cached) found.set(id, cached);
      }
      if (missing.length === 0) return found;
      const { rows } = await pool.query<KeyRow>(
        `SELECT subject_id, key_id, wrapped_key FROM ${s}.data_keys WHERE key_id = ANY($1::uuid[])`,
        [missing.filter((id) => /^[0-9a-f-]{36}$/i.test(id))],
      );
      for (const row of rows) {
        const key = await unwrap(row);
        remember(row, key);
        if (key) found.set(row.key_id, key);
      }
      return found;
    },

    async subjectOfStream(streamId) {
      const cached = streamSubjects.get(streamId);
      if (cached !== undefined) return cached;
      const { rows } = await pool.query<{ subject_id: string }>(
        `SELECT subject_id FROM ${s}.stream_subjects WHERE stream_id = $1`,
        [streamId],
      );
      const subject = rows[0]?.subject_id;
      if (subject !== undefined) streamSubjects.set(streamId, subject);
      return subject;
    },

    async recordStreamSubject(streamId, subject) {
      if (streamSubjects.get(streamId) === subject) return;
      await pool.query(
        `INSERT INTO ${s}.stream_subjects (stream_id, subject_id) VALUES ($1, $2)
         ON CONFLICT (stream_id) DO NOTHING`,
        [streamId, subject],
      );
      streamSubjects.set(streamId, subject);
    },

    async forget(subject) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows: before } = await client.query<{ wrapped_key: Buffer | null }>(
          `SELECT wrapped_key FROM ${s}.data_keys WHERE subject_id = $1 FOR UPDATE`,
          [subject],
        );
        // A tombstone: the subject keeps a key id but no key, so nothing it writes later is
        // readable under a fresh key either (it is stored redacted).
        await client.query(
          `INSERT INTO ${s}.data_keys (subject_id, key_id, wrapped_key, kek_id, forgotten_at)
           VALUES ($1, $2, NULL, '', now())
           ON CONFLICT (subject_id) DO UPDATE
             SET wrapped_key = NULL, forgotten_at = coalesce(${s}.data_keys.forgotten_at, now())`,
          [subject, randomUUID()],
        );
        const { rows: streams } = await client.query<{ stream_id: string }>(
          `SELECT stream_id FROM ${s}.stream_subjects WHERE subject_id = $1`,
          [subject],
        );
        const ids = streams.map((row) => row.stream_id);
        await client.query(`DELETE FROM ${s}.snapshots WHERE stream_id = ANY($1::text[])`, [ids]);
        await client.query('COMMIT');
        const previous = bySubject.get(subject);
        if (previous) byId.delete(previous.keyId);
        bySubject.set(subject, null);
        return { alreadyForgotten: before[0]?.wrapped_key === null, streams: ids };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
};
