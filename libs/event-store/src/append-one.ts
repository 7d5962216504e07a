import { randomUUID } from 'node:crypto';
import { DatabaseError, type ClientBase } from 'pg';

import {
  AppendNotFirstWrite,
  DuplicateEventId,
  IdempotencyKeyConflict,
  WrongExpectedVersion,
} from './errors';
import { SQLSTATE } from './sqlstate';
import { hashEvents } from './request-hash';
import { statementName } from './statement-name';
import {
  categoryOf,
  type AppendOptions,
  type AppendResult,
  type EventCodec,
  type EventMetadata,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
} from './types';
import { currentSchemaVersion, upcast, type Upcasters } from './upcasters';

/** Anything that runs a query: the pool, or a client inside the caller's transaction. */
export type Queryable = Pick<ClientBase, 'query'>;

/** What an append of one stream needs from its store. */
export interface AppendContext {
  readonly s: string;
  readonly schema: string;
  readonly upcasters: Upcasters;
  readonly codec: EventCodec | undefined;
}

/** The stored event an idempotent replay hands back in place of the new one. */
export interface ReplayedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
}

/** One row of append_events, in array mode: position, version, transaction id, time, replayed event. */
export type AppendRow = [
  position: string,
  version: number,
  transactionId: string,
  recordedAt: Date,
  replayed: ReplayedEvent | null,
];

interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  readonly v: number;
  readonly data: unknown;
  /** What the caller appended: the result hands back plaintext, not the sealed data. */
  readonly given: unknown;
  readonly meta: EventMetadata;
}

/** One stream's append, sealed and ready for append_events (alone or in a batch). */
export interface PreparedAppend {
  readonly streamId: string;
  readonly category: string;
  readonly expectedVersion: ExpectedVersion;
  readonly expected: number;
  readonly events: readonly PreparedEvent[];
  readonly checkIds: boolean;
  readonly key: string | null;
  readonly requestHash: string | null;
}

const expectedCode = (expected: ExpectedVersion): number => {
  switch (expected) {
    case 'any':
      return -1;
    case 'no_stream':
      return -2;
    case 'stream_exists':
      return -3;
    default:
      if (!Number.isInteger(expected) || expected < 0) {
        throw new RangeError(`expectedVersion must be a non-negative integer, got ${expected}`);
      }
      return expected;
  }
};

/** Drops undefined fields so stored metadata holds only what was given. */
const compact = (metadata: EventMetadata): EventMetadata => {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value === 'string') kept[key] = value;
  }
  return kept;
};

/** Seals personal fields (per stream), assigns event ids and merges metadata. */
export const prepareAppend = async (
  ctx: AppendContext,
  streamId: string,
  events: readonly NewEvent[],
  { expectedVersion, idempotency, metadata = {} }: AppendOptions,
): Promise<PreparedAppend> => {
  const expected = expectedCode(expectedVersion);
  const stored = ctx.codec ? await ctx.codec.seal(streamId, events) : events;
  const prepared = stored.map((event, index) => {
    // Postgres prints uuids in lower case; so does every id the store hands out.
    const id = event.eventId?.toLowerCase() ?? randomUUID();
    return {
      id,
      type: event.type,
      v: currentSchemaVersion(ctx.upcasters, event.type),
      data: event.data,
      given: events[index]!.data,
      meta: compact({
        ...metadata,
        ...(idempotency ? { idempotencyKey: idempotency.key } : {}),
        ...event.metadata,
        eventId: id,
      }),
    };
  });
  return {
    streamId,
    category: categoryOf(streamId),
    expectedVersion,
    expected,
    events: prepared,
    checkIds: events.some((event) => event.eventId !== undefined),
    key: idempotency?.key ?? null,
    requestHash: idempotency ? (idempotency.requestHash ?? hashEvents(streamId, events)) : null,
  };
};

/** The append alone: one call of append_events. Errors come back as Postgres raised them. */
export const sendAppend = async (
  db: Queryable,
  ctx: AppendContext,
  p: PreparedAppend,
  notifyInTransaction: boolean,
): Promise<AppendRow[]> => {
  const { rows } = await db.query<AppendRow>({
    rowMode: 'array',
    // Named: each connection parses and plans it once.
    name: statementName(`event-store:${ctx.schema}:append`),
    text: `SELECT * FROM ${ctx.s}.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    values: [
      p.streamId,
      p.category,
      p.expected,
      p.events.map((e) => e.id),
      p.events.map((e) => e.type),
      p.events.map((e) => e.v),
      p.events.map((e) => JSON.stringify(e.data)),
      p.events.map((e) => JSON.stringify(e.meta)),
      p.checkIds,
      p.key,
      p.requestHash,
      notifyInTransaction,
    ],
  });
  return rows;
};

/** A Postgres error of an append as the store's typed error. */
export const translateAppendError = (error: unknown, p: PreparedAppend): unknown => {
  if (!(error instanceof DatabaseError)) return error;
  switch (error.code ?? '') {
    case SQLSTATE.wrongExpectedVersion:
      return new WrongExpectedVersion(p.streamId, p.expectedVersion, Number(error.detail));
    case SQLSTATE.idempotencyKeyConflict:
      return new IdempotencyKeyConflict(p.category, p.key ?? '');
    case SQLSTATE.duplicateEventId:
      return new DuplicateEventId(p.streamId, error.detail ?? '');
    case SQLSTATE.notFirstWrite:
      return new AppendNotFirstWrite(p.streamId);
    case '23505':
      // The same client id raced into another stream between our check and our insert.
      if (error.constraint === 'events_event_id_key') {
        const id = /\(event_id\)=\(([^)]+)\)/.exec(error.detail ?? '')?.[1] ?? '';
        return new DuplicateEventId(p.streamId, id);
      }
      return error;
    default:
      return error;
  }
};

/** The rows append_events returned as the caller's result. */
export const appendResultOf = async (
  ctx: AppendContext,
  p: PreparedAppend,
  rows: readonly AppendRow[],
): Promise<AppendResult> => {
  const { streamId } = p;
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) throw new Error(`append to ${streamId}: the store returned no rows`);
  const replayed = first[4] !== null;
  const recorded: RecordedEvent[] = rows.map(
    ([position, version, transactionId, recordedAt, original], index) => {
      if (original) {
        return {
          type: original.type,
          data: upcast(ctx.upcasters, original.type, original.schemaVersion, original.data),
          eventId: original.eventId,
          streamId,
          streamVersion: version,
          globalPosition: Number(position),
          transactionId,
          schemaVersion: currentSchemaVersion(ctx.upcasters, original.type),
          metadata: original.metadata,
          recordedAt,
        };
      }
      const input = p.events[index]!;
      return {
        type: input.type,
        data: input.given,
        eventId: input.id,
        streamId,
        streamVersion: version,
        globalPosition: Number(position),
        transactionId,
        schemaVersion: input.v,
        metadata: input.meta,
        recordedAt,
      };
    },
  );
  return {
    streamId,
    firstVersion: first[1],
    nextVersion: last[1],
    position: Number(last[0]),
    transactionId: last[2],
    // A replayed append hands back the stored (sealed) events: opened like any read.
    events: replayed && ctx.codec ? [...(await ctx.codec.open(recorded))] : recorded,
    replayed,
  };
};
