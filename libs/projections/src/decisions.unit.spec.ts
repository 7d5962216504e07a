import { errors } from '@elastic/elasticsearch';
import {
  classifyBulkItem,
  classifySearchError,
  decideEvent,
  type EventFacts,
  isInfrastructureError,
  partitionLag,
  storeLagSeconds,
} from './decisions';

const facts = (overrides: Partial<EventFacts>): EventFacts => ({
  version: 5,
  appliedVersion: 4,
  streamBlocked: false,
  hasHandler: true,
  onUnknownType: 'skip',
  ...overrides,
});

const responseError = (statusCode: number, type: string) =>
  new errors.ResponseError({
    body: { error: { type, reason: type }, status: statusCode },
    statusCode,
    headers: {},
    warnings: null,
    meta: {} as never,
  });

describe('deciding what to do with a delivered event', () => {
  it('applies the next version of an unblocked stream with a handler', () => {
    expect(decideEvent(facts({}))).toBe('apply');
  });
  it('skips a version at or below the applied one as a duplicate, even on a blocked stream', () => {
    expect(decideEvent(facts({ version: 4 }))).toBe('duplicate');
    expect(decideEvent(facts({ version: 1, streamBlocked: true }))).toBe('duplicate');
  });
  it('parks a newer event of a stream with a parked event behind it', () => {
    expect(decideEvent(facts({ streamBlocked: true }))).toBe('park-behind');
    expect(decideEvent(facts({ streamBlocked: true, hasHandler: false }))).toBe('park-behind');
  });
  it('skips or parks an unknown type as the projection says', () => {
    expect(decideEvent(facts({ hasHandler: false }))).toBe('skip-unknown');
    expect(decideEvent(facts({ hasHandler: false, onUnknownType: 'park' }))).toBe('park-unknown');
  });
});

describe('classifying failures', () => {
  it('treats connection and transaction-rollback errors as infrastructure, not poison', () => {
    expect(isInfrastructureError({ code: '40P01' })).toBe(true); // deadlock
    expect(isInfrastructureError({ code: '57P01' })).toBe(true); // admin shutdown
    expect(isInfrastructureError({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isInfrastructureError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isInfrastructureError({ code: '23505' })).toBe(false); // unique violation: the event
    expect(isInfrastructureError(new TypeError('x is undefined'))).toBe(false);
  });

  it('retries Elasticsearch 429/503 and connection errors and calls other statuses poison', () => {
    expect(classifySearchError(responseError(429, 'es_rejected_execution_exception'))).toBe(
      'retry',
    );
    expect(classifySearchError(responseError(503, 'unavailable_shards_exception'))).toBe('retry');
    expect(classifySearchError(new errors.ConnectionError('connect ECONNREFUSED'))).toBe('retry');
    expect(classifySearchError(new errors.TimeoutError('Request timed out'))).toBe('retry');
    expect(classifySearchError(responseError(400, 'mapper_parsing_exception'))).toBe('poison');
  });

  it('counts a 409 bulk item as already applied', () => {
    expect(classifyBulkItem(201)).toBe('ok');
    expect(classifyBulkItem(409)).toBe('ok');
    expect(classifyBulkItem(429)).toBe('retry');
    expect(classifyBulkItem(400)).toBe('poison');
  });
});

describe('measuring lag', () => {
  it('counts messages from the next offset to apply to the latest', () => {
    expect(partitionLag('10', '9')).toBe(0);
    expect(partitionLag('10', '4')).toBe(5);
    expect(partitionLag('10', undefined)).toBe(10);
    expect(partitionLag('0', undefined)).toBe(0);
  });
  it('measures time behind the store head, 0 once its position is applied', () => {
    const now = new Date('2026-01-01T00:01:00Z');
    const head = { position: 100, time: '2026-01-01T00:00:30Z' };
    expect(storeLagSeconds(head, { position: 100, time: '2026-01-01T00:00:30Z' }, now)).toBe(0);
    expect(storeLagSeconds(head, { position: 90, time: '2026-01-01T00:00:10Z' }, now)).toBe(20);
    expect(storeLagSeconds(head, undefined, now)).toBe(30);
    expect(storeLagSeconds(undefined, undefined, now)).toBe(0);
  });
});
