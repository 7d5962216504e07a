import { REDACTED } from '@ledgerline/domain';
import { PostgresEventStore, quoteSchema, type RecordedEvent } from '@ledgerline/event-store';
import { type Pool } from 'pg';
import { isSealed } from './cipher';
import { personalDataCodec } from './codec';
import { postgresKeyring } from './keyring';
import { type KeyEncryptionKey } from './kms';

/** The stream a context records a subject's forgetting in (its own category: never published). */
export const privacyStreamOf = (subject: string): string => `privacy-${subject}`;

export interface SubjectStoreDeps {
  readonly pool: Pool;
  readonly kek: KeyEncryptionKey;
  /** The event store schemas of the contexts (accounts, orders, payments…). */
  readonly schemas: readonly string[];
  /** Schemas holding Postgres views, scrubbed after a forget. */
  readonly viewSchemas?: readonly string[];
  /**
   * Other stores that copied personal text (search indices, caches): each is handed the
   * subject's plaintext values once its keys are gone and returns how many entries it scrubbed.
   */
  readonly scrubbers?: readonly ((texts: readonly string[], subject: string) => Promise<number>)[];
}

/** A subject's events in one context, personal fields opened, with the texts that were sealed. */
export interface SubjectEvents {
  readonly schema: string;
  readonly events: readonly RecordedEvent[];
  /** The plaintext of every sealed value among them (what views may have copied). */
  readonly personalTexts: readonly string[];
}

const collectSealedTexts = (stored: unknown, opened: unknown, into: Set<string>): void => {
  if (isSealed(stored) && typeof opened === 'string' && opened !== REDACTED) into.add(opened);
  else if (Array.isArray(stored) && Array.isArray(opened))
    stored.forEach((item, index) => collectSealedTexts(item, opened[index], into));
  else if (stored && opened && typeof stored === 'object' && typeof opened === 'object')
    for (const [name, value] of Object.entries(stored))
      collectSealedTexts(value, (opened as Record<string, unknown>)[name], into);
};

/** Everything the event stores hold about `subject` (its streams), opened while its keys exist. */
export const subjectEvents = async (
  { pool, kek, schemas }: SubjectStoreDeps,
  subject: string,
): Promise<SubjectEvents[]> => {
  const found: SubjectEvents[] = [];
  for (const schema of schemas) {
    const { rows } = await pool.query<{ stream_id: string }>(
      `SELECT stream_id FROM ${quoteSchema(schema)}.stream_subjects WHERE subject_id = $1 ORDER BY stream_id`,
      [subject],
    );
    const keyring = postgresKeyring({ pool, schema, kek, cacheTtlMs: 0 });
    const opened = new PostgresEventStore({ pool, schema, codec: personalDataCodec({ keyring }) });
    const raw = new PostgresEventStore({ pool, schema });
    const events: RecordedEvent[] = [];
    const texts = new Set<string>();
    for (const { stream_id: streamId } of rows) {
      const [stored, plain] = await Promise.all([
        raw.readStream(streamId),
        opened.readStream(streamId),
      ]);
      stored.forEach((event, index) => collectSealedTexts(event.data, plain[index]?.data, texts));
      events.push(...plain);
    }
    found.push({ schema, events, personalTexts: [...texts] });
  }
  return found;
};

/**
 * Forgets `subject` in one context: deletes its data key (a tombstone stays), drops its streams'
 * snapshots and records SubjectForgotten in `privacy-<subject>`. Views are not touched.
 */
export const forgetInContext = async (
  { pool, kek, schema }: { pool: Pool; kek: KeyEncryptionKey; schema: string },
  subject: string,
  { actor, now = new Date() }: { actor?: string; now?: Date } = {},
): Promise<{ alreadyForgotten: boolean; streams: number }> => {
  const keyring = postgresKeyring({ pool, schema, kek, cacheTtlMs: 0 });
  const { alreadyForgotten, streams } = await keyring.forget(subject);
  await new PostgresEventStore({ pool, schema }).append(
    privacyStreamOf(subject),
    [
      {
        type: 'SubjectForgotten',
        data: { subjectId: subject, streams: streams.length, at: now.toISOString() },
      },
    ],
    { expectedVersion: 'any', ...(actor !== undefined && { metadata: { actor } }) },
  );
  return { alreadyForgotten, streams: streams.length };
};

export interface ForgetOutcome {
  readonly subject: string;
  /** Per context: whether the subject had been forgotten before, and how many streams it has. */
  readonly contexts: readonly { schema: string; alreadyForgotten: boolean; streams: number }[];
  /** View rows whose personal text was replaced by the marker. */
  readonly scrubbedRows: number;
  /** Entries the other scrubbers (search, caches) rewrote or dropped. */
  readonly scrubbedElsewhere: number;
}

/** Text columns of the tables in `schema` (views hold personal text only in those). */
const textColumns = async (pool: Pool, schema: string) =>
  (
    await pool.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying')`,
      [schema],
    )
  ).rows;

/**
 * Replaces, in every text column of the view schemas, each value equal to one of `texts` by the
 * marker: what a rebuild of the views would now produce.
 */
export const scrubPostgresViews = async (
  pool: Pool,
  viewSchemas: readonly string[],
  texts: readonly string[],
): Promise<number> => {
  if (texts.length === 0) return 0;
  let scrubbed = 0;
  for (const schema of viewSchemas) {
    for (const { table_name: table, column_name: column } of await textColumns(pool, schema)) {
      const target = `${quoteSchema(schema)}."${table.replaceAll('"', '""')}"`;
      const col = `"${column.replaceAll('"', '""')}"`;
      const result = await pool.query(
        `UPDATE ${target} SET ${col} = $1 WHERE ${col} = ANY($2::text[])`,
        [REDACTED, texts],
      );
      scrubbed += result.rowCount ?? 0;
    }
  }
  return scrubbed;
};

/**
 * Forgets `subject` in every context: reads what its events hold (so views can be scrubbed of
 * it), deletes its data keys (its sealed fields now read as the marker everywhere, also in Kafka
 * and in any rebuild), records SubjectForgotten, and scrubs the Postgres views.
 */
export const forgetSubject = async (
  deps: SubjectStoreDeps,
  subject: string,
  { actor, now = new Date() }: { actor?: string; now?: Date } = {},
): Promise<ForgetOutcome> => {
  const held = await subjectEvents(deps, subject);
  const texts = [...new Set(held.flatMap((context) => context.personalTexts))];
  const contexts: ForgetOutcome['contexts'][number][] = [];
  for (const schema of deps.schemas) {
    const forgotten = await forgetInContext({ ...deps, schema }, subject, {
      now,
      ...(actor !== undefined && { actor }),
    });
    contexts.push({ schema, ...forgotten });
  }
  const scrubbedRows = await scrubPostgresViews(deps.pool, deps.viewSchemas ?? [], texts);
  let scrubbedElsewhere = 0;
  for (const scrub of deps.scrubbers ?? []) scrubbedElsewhere += await scrub(texts, subject);
  return { subject, contexts, scrubbedRows, scrubbedElsewhere };
};
