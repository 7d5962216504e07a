import type * as grpc from '@grpc/grpc-js';
import { effectiveDeadline, remainingMs } from './call-context';

const callWith = (deadline: grpc.Deadline) => ({ getDeadline: () => deadline });

describe('effectiveDeadline', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('given a client deadline within the maximum, then it is kept', () => {
    const call = callWith(new Date(now + 2_000));

    expect(effectiveDeadline(call, 30_000, now)).toEqual(new Date(now + 2_000));
  });

  it('given a client deadline beyond the maximum, then it is cut to the maximum', () => {
    const call = callWith(now + 120_000);

    expect(effectiveDeadline(call, 30_000, now)).toEqual(new Date(now + 30_000));
  });

  it('given no client deadline (Infinity), then the maximum applies', () => {
    const call = callWith(Infinity);

    expect(effectiveDeadline(call, 30_000, now)).toEqual(new Date(now + 30_000));
  });

  it('given the same call asked again later, then the first answer stands', () => {
    const call = callWith(Infinity);
    const first = effectiveDeadline(call, 30_000, now);

    expect(effectiveDeadline(call, 30_000, now + 10_000)).toBe(first);
  });
});

describe('remainingMs', () => {
  it('counts down to zero and is infinite without a deadline', () => {
    expect(remainingMs(new Date(1_500), 1_000)).toBe(500);
    expect(remainingMs(new Date(500), 1_000)).toBe(0);
    expect(remainingMs(undefined)).toBe(Infinity);
  });
});
