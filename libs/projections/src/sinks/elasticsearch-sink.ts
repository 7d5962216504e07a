import { type estypes } from '@elastic/elasticsearch';
import { type PublishedEvent } from '@ledgerline/relay';
import { backoffDelay, sleep } from '@ledgerline/retry';
import { type SearchClient } from '@ledgerline/search';
import { type ApplyResult, type SinkSession } from '../apply-batch';
import { classifyBulkItem, classifySearchError, type SearchFailure } from '../decisions';
import { errorText } from '../delivery';
import { type SearchHandler, type SearchOperation } from '../projection';
import { type RetryPolicy } from './postgres-sink';

interface Prepared {
  readonly index: number;
  readonly streamId: string;
  readonly operations: readonly (SearchOperation & { readonly version: number })[];
}

export interface SearchSessionSettings {
  readonly client: SearchClient;
  readonly index: string;
  readonly retry: RetryPolicy;
  /** Aborts the endless retry of 429/503/connection failures (the batch is then not committed). */
  readonly signal: AbortSignal;
  readonly onRetry?: (reason: string, attempt: number) => void;
  /** The projection's `documentsRead`: what `prefetch` reads for a batch in one `_mget`. */
  readonly documentsRead?: (event: PublishedEvent) => readonly string[];
}

/** The ids `documentsRead` names for these events, once each; none for an event it cannot tell. */
const idsToRead = (
  documentsRead: (event: PublishedEvent) => readonly string[],
  events: readonly PublishedEvent[],
): string[] => {
  const ids = new Set<string>();
  for (const event of events) {
    try {
      for (const id of documentsRead(event)) ids.add(id);
    } catch {
      // Its handler reads (or fails) as it would have without the read-ahead.
    }
  }
  return [...ids];
};

class Stopping extends Error {
  override readonly name = 'Stopping';
}

const validVersion = (version: number): boolean => Number.isSafeInteger(version) && version > 0;

/**
 * Elasticsearch sink: handlers map events to full-document writes and deletes, sent with
 * `version_type: external`, so a redelivered or replayed event never regresses a document (409 =
 * already applied). A stream's events go out in rounds, one event per stream per `_bulk`, so an
 * item Elasticsearch rejects never lets a later event of its stream overtake it.
 */
export const searchSession = (settings: SearchSessionSettings): SinkSession<SearchHandler> => {
  const { client, index, retry } = settings;
  const prepared: Prepared[] = [];
  /** Documents as this batch's operations leave them (null: deleted). */
  const overlay = new Map<string, Record<string, unknown> | null>();
  /** Documents as the index held them when the batch began (null: none), from `prefetch`. */
  const fetched = new Map<string, Record<string, unknown> | null>();
  const context = {
    index,
    async get(id: string) {
      if (overlay.has(id)) return overlay.get(id) ?? undefined;
      if (fetched.has(id)) return fetched.get(id) ?? undefined;
      const found = await withRetry(settings, () =>
        client.get<Record<string, unknown>>({ index, id }, { ignore: [404] }),
      );
      return found.found ? found._source : undefined;
    },
  };

  return {
    async prefetch(events: readonly PublishedEvent[]) {
      if (!settings.documentsRead) return;
      const ids = idsToRead(settings.documentsRead, events);
      if (ids.length === 0) return;
      let docs;
      try {
        ({ docs } = await withRetry(settings, () =>
          client.mget<Record<string, unknown>>({ index, ids }),
        ));
      } catch (error) {
        if (error instanceof Stopping) throw error;
        // Refused outright (say, the index is missing): each handler's get asks on its own.
        return;
      }
      for (const doc of docs) {
        // A document the index could not read here is read again by its handler's get.
        if ('error' in doc) continue;
        fetched.set(doc._id, doc.found && doc._source ? doc._source : null);
      }
    },

    async apply(batchIndex: number, event: PublishedEvent, handler: SearchHandler) {
      let lastError: unknown;
      for (let attempt = 1; attempt <= retry.attempts; attempt += 1) {
        try {
          const operations = (await handler(event, context)).map((op) => ({
            ...op,
            version: op.version ?? event.streamVersion,
          }));
          const invalid = operations.find((op) => !validVersion(op.version));
          if (invalid)
            throw new Error(`operation on ${invalid.id}: invalid version ${invalid.version}`);
          for (const op of operations)
            overlay.set(op.id, op.op === 'index' ? { ...op.document } : null);
          prepared.push({ index: batchIndex, streamId: event.streamId, operations });
          return { ok: true } satisfies ApplyResult;
        } catch (error) {
          if (error instanceof Stopping) throw error;
          lastError = error;
          if (attempt < retry.attempts)
            await sleep(backoffDelay(attempt, { baseMs: retry.baseDelayMs, maxMs: 2_000 }));
        }
      }
      return { ok: false, error: errorText(lastError), attempts: retry.attempts };
    },

    async flush() {
      const rejected = new Map<number, string>();
      const queues = new Map<string, Prepared[]>();
      for (const item of prepared) {
        if (item.operations.length === 0) continue;
        const queue = queues.get(item.streamId) ?? [];
        queue.push(item);
        queues.set(item.streamId, queue);
      }
      for (;;) {
        const round = [...queues.values()].flatMap((queue) => queue.splice(0, 1));
        if (round.length === 0) return rejected;
        for (const [item, error] of await sendRound(settings, round)) {
          rejected.set(item.index, error);
          queues.delete(item.streamId); // the rest of the stream waits behind it
        }
      }
    },
  };
};

type BulkOperation = estypes.BulkOperationContainer | Record<string, unknown>;

const toBulk = (index: string, op: SearchOperation & { version: number }): BulkOperation[] => {
  const meta = {
    _index: index,
    _id: op.id,
    version: op.version,
    version_type: 'external' as const,
  };
  return op.op === 'index' ? [{ index: meta }, op.document] : [{ delete: meta }];
};

/** Sends one round; retries what is retryable until it lands. Returns the poison items. */
const sendRound = async (
  settings: SearchSessionSettings,
  round: readonly Prepared[],
): Promise<Map<Prepared, string>> => {
  const poison = new Map<Prepared, string>();
  let pending = round.flatMap((item) => item.operations.map((op) => ({ item, op })));
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    const sending = pending.filter(({ item }) => !poison.has(item));
    if (sending.length === 0) break;
    let response: estypes.BulkResponse;
    try {
      response = await settings.client.bulk({
        operations: sending.flatMap(({ op }) => toBulk(settings.index, op)),
      });
    } catch (error) {
      if (classifySearchError(error) === 'poison') {
        // The whole request was refused: find the culprit by sending each event on its own.
        if (round.length > 1 && sending.length > 1) {
          for (const item of round) {
            if (poison.has(item)) continue;
            for (const [bad, why] of await sendRound(settings, [item])) poison.set(bad, why);
          }
          return poison;
        }
        for (const { item } of sending) poison.set(item, errorText(error));
        return poison;
      }
      await backoff(settings, errorText(error), attempt);
      continue;
    }
    const retryable: typeof pending = [];
    const reasons = new Set<string>();
    for (const [i, entry] of response.items.entries()) {
      const result = Object.values(entry)[0];
      const sent = sending[i]!;
      const status = result?.status ?? 500;
      const outcome: 'ok' | SearchFailure = classifyBulkItem(status);
      if (outcome === 'retry') {
        retryable.push(sent);
        reasons.add(`${status} ${result?.error?.type ?? ''}`.trim());
      } else if (outcome === 'poison' && !poison.has(sent.item))
        poison.set(
          sent.item,
          `elasticsearch rejected ${sent.op.op} ${sent.op.id}: ${JSON.stringify(result?.error)}`,
        );
    }
    pending = retryable;
    if (pending.length > 0)
      await backoff(settings, `bulk items refused for now: ${[...reasons].join(', ')}`, attempt);
  }
  return poison;
};

const backoff = async (
  settings: Pick<SearchSessionSettings, 'signal' | 'onRetry'>,
  reason: string,
  attempt: number,
) => {
  if (settings.signal.aborted) throw new Stopping('projector stopping during Elasticsearch retry');
  settings.onRetry?.(reason, attempt);
  await sleep(backoffDelay(attempt, { baseMs: 100, maxMs: 5_000 }), settings.signal);
  if (settings.signal.aborted) throw new Stopping('projector stopping during Elasticsearch retry');
};

/** Runs an Elasticsearch request, retrying retryable failures (429, 503, connection) until stop. */
export const withRetry = async <T>(
  settings: Pick<SearchSessionSettings, 'signal' | 'onRetry'>,
  request: () => Promise<T>,
): Promise<T> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await request();
    } catch (error) {
      if (classifySearchError(error) === 'poison') throw error;
      await backoff(settings, errorText(error), attempt);
    }
  }
};
