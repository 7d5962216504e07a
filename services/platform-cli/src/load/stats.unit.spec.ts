import { status } from '@grpc/grpc-js';
import { RpcError } from '@ledgerline/grpc';
import { Metadata } from '@grpc/grpc-js';
import { errorCode, MAX_ATTEMPTS, outcomeUnknown, retryDelayMs, TimeoutError } from './retry';
import { OperationStats, percentile } from './stats';

const rpcError = (code: status, details: RpcError['status'] = undefined) =>
  new RpcError(code, 'x', new Metadata(), details);

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('takes the value at rank ceil(p/100 × n)', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7, 9, 30], 50)).toBe(9);
    expect(percentile([7, 9, 30], 99)).toBe(30);
  });

  it('is the smallest value at p0 and 0 when there is nothing', () => {
    expect(percentile([3, 4], 0)).toBe(3);
    expect(percentile([], 99)).toBe(0);
  });
});

describe('OperationStats', () => {
  it('counts successes with latencies and failures by code, and rates them over the run', () => {
    const stats = new OperationStats('deposit');
    stats.succeeded(30);
    stats.succeeded(10);
    stats.failed('DEADLINE_EXCEEDED');
    stats.failed('DEADLINE_EXCEEDED');
    stats.failed('PERMISSION_DENIED');

    expect(stats.summary(2_000)).toEqual({
      operation: 'deposit',
      count: 5,
      ok: 2,
      errors: { DEADLINE_EXCEEDED: 2, PERMISSION_DENIED: 1 },
      retries: 0,
      throughput: 2.5,
      p50Ms: 10,
      p99Ms: 30,
    });
    expect(stats.errorCount).toBe(3);
  });
});

describe('retries', () => {
  it('backs off exponentially after UNAVAILABLE, up to 2 s, and stops after the last attempt', () => {
    expect(retryDelayMs(rpcError(status.UNAVAILABLE), 0)).toBe(100);
    expect(retryDelayMs(rpcError(status.UNAVAILABLE), 3)).toBe(800);
    expect(retryDelayMs(rpcError(status.UNAVAILABLE), 6)).toBe(2_000);
    expect(retryDelayMs(rpcError(status.UNAVAILABLE), MAX_ATTEMPTS - 1)).toBeUndefined();
  });

  it('waits what RetryInfo says after RESOURCE_EXHAUSTED, and gives up without it', () => {
    const told = rpcError(status.RESOURCE_EXHAUSTED, {
      code: status.RESOURCE_EXHAUSTED,
      message: 'slow down',
      details: [{ type: 'RetryInfo', retryDelay: { seconds: '1', nanos: 250_000_000 } }],
    });
    expect(retryDelayMs(told, 0)).toBe(1_250);
    expect(retryDelayMs(rpcError(status.RESOURCE_EXHAUSTED), 0)).toBeUndefined();
  });

  it('asks again when the view was behind a consistency token and said when (RetryInfo)', () => {
    const behind = rpcError(status.DEADLINE_EXCEEDED, {
      code: status.DEADLINE_EXCEEDED,
      message: 'behind',
      details: [
        { type: 'ErrorInfo', reason: 'READ_MODEL_BEHIND', domain: 'ledgerline', metadata: {} },
        { type: 'RetryInfo', retryDelay: { seconds: '1', nanos: 0 } },
      ],
    });
    expect(retryDelayMs(behind, 0)).toBe(1_000);
  });

  it('never retries an answer: refusals and lost deadlines are the call’s result', () => {
    for (const code of [status.INVALID_ARGUMENT, status.DEADLINE_EXCEEDED, status.ABORTED])
      expect(retryDelayMs(rpcError(code), 0)).toBeUndefined();
  });

  it('names errors by status, TIMEOUT for a checkout that never ended, LOCAL otherwise', () => {
    expect(errorCode(rpcError(status.NOT_FOUND))).toBe('NOT_FOUND');
    expect(errorCode(new TimeoutError('late'))).toBe('TIMEOUT');
    expect(errorCode(new Error('boom'))).toBe('LOCAL');
  });

  it('knows which failures may hide a command that was done', () => {
    expect(outcomeUnknown(rpcError(status.DEADLINE_EXCEEDED))).toBe(true);
    expect(outcomeUnknown(rpcError(status.UNAVAILABLE))).toBe(true);
    expect(outcomeUnknown(rpcError(status.FAILED_PRECONDITION))).toBe(false);
    expect(outcomeUnknown(rpcError(status.PERMISSION_DENIED))).toBe(false);
  });
});
