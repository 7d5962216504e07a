// Test-only (excluded from the build): a counter decider and an in-memory store port for the
// command loop's unit tests.
import { RuleViolation, type Decider } from '@ledgerline/domain';

import { IdempotencyKeyConflict, WrongExpectedVersion } from './errors';
import {
  type AppendOptions,
  type AppendResult,
  type NewEvent,
  type RecordedEvent,
  type Snapshot,
} from './types';
import { type EventStorePort } from './command-loop';

export type CounterEvent = { type: 'Incremented'; data: { by: number } };
export type CounterCommand = { type: 'Increment'; by: number } | { type: 'Noop' };
export const counter: Decider<CounterCommand, number, CounterEvent> = {
  initialState: 0,
  decide: (command, state) => {
    if (command.type === 'Noop') return [];
    if (state + command.by > 100) throw new RuleViolation('max', 'counter would exceed 100');
    return [{ type: 'Incremented', data: { by: command.by } }];
  },
  evolve: (state, event) => state + event.data.by,
};

/**
 * A test double of the store port: an in-memory stream that can be told to lose the next
 * `conflicts` races (another writer slips in an event just before each append).
 */
export class InMemoryStore implements EventStorePort {
  events: RecordedEvent[] = [];
  appendCalls: AppendOptions[] = [];
  conflicts = 0;
  snapshots = new Map<string, { stateVersion: number; snapshot: Snapshot<unknown> }>();
  private keys = new Map<string, { requestHash: string; result: AppendResult }>();

  /** Runs (once) at the start of the next read, e.g. to let a concurrent writer slip in. */
  beforeNextRead: (() => Promise<void>) | undefined;

  async readStream(_streamId: string, { from = 1, limit }: { from?: number; limit?: number } = {}) {
    const before = this.beforeNextRead;
    this.beforeNextRead = undefined;
    await before?.();
    const tail = this.events.filter((e) => e.streamVersion >= from);
    return limit === undefined ? tail : tail.slice(0, limit);
  }

  append(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    this.appendCalls.push(options);
    // Like the PostgreSQL store, the append itself recognises a repeated key.
    const earlier = options.idempotency && this.keys.get(options.idempotency.key);
    if (earlier && options.idempotency) {
      if (earlier.requestHash !== (options.idempotency.requestHash ?? ''))
        return Promise.reject(new IdempotencyKeyConflict(streamId, options.idempotency.key));
      return Promise.resolve({ ...earlier.result, replayed: true });
    }
    if (this.conflicts > 0) {
      this.conflicts--;
      this.record(streamId, [{ type: 'Incremented', data: { by: 1 } }]);
    }
    const actual = this.events.length;
    const expected = options.expectedVersion;
    if (
      expected === 'no_stream' ? actual !== 0 : typeof expected === 'number' && expected !== actual
    ) {
      return Promise.reject(new WrongExpectedVersion(streamId, expected, actual));
    }
    const recorded = this.record(streamId, events);
    const result: AppendResult = {
      streamId,
      firstVersion: recorded[0]!.streamVersion,
      nextVersion: recorded[recorded.length - 1]!.streamVersion,
      position: recorded[recorded.length - 1]!.globalPosition,
      transactionId: '1',
      events: recorded,
      replayed: false,
    };
    if (options.idempotency) {
      this.keys.set(options.idempotency.key, {
        requestHash: options.idempotency.requestHash ?? '',
        result,
      });
    }
    return Promise.resolve(result);
  }

  findIdempotentResult(
    _streamId: string,
    { key, requestHash }: { key: string; requestHash: string },
  ) {
    const found = this.keys.get(key);
    if (found && found.requestHash !== requestHash) {
      return Promise.reject(new IdempotencyKeyConflict('counter', key));
    }
    return Promise.resolve(found && { ...found.result, replayed: true });
  }

  loadSnapshot<State>(streamId: string, stateVersion: number) {
    const found = this.snapshots.get(streamId);
    return Promise.resolve(
      found?.stateVersion === stateVersion ? (found.snapshot as Snapshot<State>) : undefined,
    );
  }

  saveSnapshot<State>(streamId: string, stateVersion: number, snapshot: Snapshot<State>) {
    this.snapshots.set(streamId, { stateVersion, snapshot });
    return Promise.resolve();
  }

  private record(streamId: string, events: readonly NewEvent[]): RecordedEvent[] {
    const recorded = events.map((event) => {
      const version = this.events.length + 1;
      const e: RecordedEvent = {
        type: event.type,
        data: event.data,
        eventId: `id-${version}`,
        streamId,
        streamVersion: version,
        globalPosition: version * 10,
        transactionId: '1',
        schemaVersion: 1,
        metadata: {},
        recordedAt: new Date(0),
      };
      this.events.push(e);
      return e;
    });
    return recorded;
  }
}
