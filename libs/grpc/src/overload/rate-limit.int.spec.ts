import * as grpc from '@grpc/grpc-js';
import { findDetail } from '@ledgerline/proto';
import {
  eventually,
  type RedisServer,
  servers,
  startRedisServer,
  startTcpProxy,
  type TcpProxy,
  uniqueName,
} from '@ledgerline/testing';
import { RpcError } from '../rpc-error';
import { startProbeServer } from '../testing/probe-server';
import { unary } from '../unary-call';
import { type CallLimiter, type CallLimits, createCallLimiter, RateLimited } from './rate-limit';

// Windows long enough that none rolls over during a test: every count below is exact.
const LIMITS: CallLimits = {
  read: { points: 5, durationSeconds: 30 },
  write: { points: 3, durationSeconds: 30, burstPoints: 2, burstDurationSeconds: 60 },
  admin: 'off',
};

/** Admits `times` calls; returns how many passed, and fails on anything but RateLimited. */
const admitMany = async (
  limiter: CallLimiter,
  caller: string,
  rpc: 'read' | 'write',
  times = 1,
) => {
  let passed = 0;
  const refusals: RateLimited[] = [];
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    try {
      await limiter.admit(caller, rpc);
      passed += 1;
    } catch (error) {
      if (!(error instanceof RateLimited)) throw error;
      refusals.push(error);
    }
    // A stopped Redis must not add seconds per call: the in-process limiter answers instead.
    expect(performance.now() - started).toBeLessThan(250);
  }
  return { passed, refusals };
};

describe('createCallLimiter on Redis', () => {
  let redisUrl: string;
  const opened: CallLimiter[] = [];
  /** A limiter whose connection is up (until then the in-process count decides), and its count of insured decisions. */
  const limiterOn = async (url: string, keyPrefix: string) => {
    const counter = { insured: 0 };
    const limiter = createCallLimiter({
      redisUrl: url,
      limits: LIMITS,
      keyPrefix,
      onInsurance: () => (counter.insured += 1),
    });
    opened.push(limiter);
    await eventually(async () => {
      const before = counter.insured;
      await limiter.admit(uniqueName('warm-up'), 'read');
      expect(counter.insured).toBe(before);
    });
    counter.insured = 0;
    return { limiter, counter };
  };

  beforeAll(async () => {
    ({ redisUrl } = await servers());
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((limiter) => limiter.close()));
  });

  it("limits a burst from caller A while caller B's calls keep passing at their own rate", async () => {
    const { limiter } = await limiterOn(redisUrl, uniqueName('rl'));

    const a = await admitMany(limiter, 'caller-a', 'read', 8);
    const b = await admitMany(limiter, 'caller-b', 'read', 5);

    expect(a.passed).toBe(5);
    expect(a.refusals).toHaveLength(3);
    expect(a.refusals[0]!.retryAfterMs).toBeGreaterThan(0);
    expect(a.refusals[0]!.retryAfterMs).toBeLessThanOrEqual(30_000);
    expect(b).toEqual({ passed: 5, refusals: [] });
  });

  it('counts one caller across replicas in Redis, and classes apart, with the burst reserve', async () => {
    const prefix = uniqueName('rl');
    const { limiter: one } = await limiterOn(redisUrl, prefix);
    const { limiter: two } = await limiterOn(redisUrl, prefix);

    const reads = [
      await admitMany(one, 'caller-a', 'read', 3),
      await admitMany(two, 'caller-a', 'read', 3),
    ];
    // 3 per window plus 2 from the reserve.
    const writes = await admitMany(two, 'caller-a', 'write', 6);

    expect(reads.map((r) => r.passed)).toEqual([3, 2]);
    expect(writes.passed).toBe(5);
    await expect(one.admit('caller-a', 'admin')).resolves.toBeUndefined();
  });

  describe('when Redis becomes unreachable', () => {
    let proxy: TcpProxy;

    beforeEach(async () => {
      const target = new URL(redisUrl);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    });
    afterEach(() => proxy.close());

    it('keeps the limit in force in process, answering fast, and uses Redis again once back', async () => {
      const prefix = uniqueName('rl');
      const { limiter, counter } = await limiterOn(proxy.via(redisUrl), prefix);

      await proxy.cut();
      const during = await admitMany(limiter, 'caller-a', 'read', 8);

      expect(during.passed).toBe(5);
      expect(during.refusals).toHaveLength(3);
      expect(counter.insured).toBeGreaterThanOrEqual(8);

      await proxy.restore();
      const { limiter: direct } = await limiterOn(redisUrl, prefix);
      await eventually(async () => {
        const before = counter.insured;
        await admitMany(limiter, 'caller-b', 'read');
        expect(counter.insured).toBe(before);
      });
      // caller-b's calls since the restore went to Redis: a limiter on Redis directly sees them.
      const seen = await admitMany(direct, 'caller-b', 'read', 5);
      expect(seen.passed).toBeLessThan(5);
    });
  });

  describe('when Redis hangs (a paused redis-server)', () => {
    let server: RedisServer;

    beforeEach(async () => {
      server = await startRedisServer();
    });
    afterEach(async () => {
      server.resume();
      await server.stop();
    });

    it('decides in process within the Redis timeout and still limits', async () => {
      const { limiter, counter } = await limiterOn(server.url, uniqueName('rl'));

      server.pause();
      const during = await admitMany(limiter, 'caller-a', 'read', 7);

      expect(during.passed).toBe(5);
      expect(during.refusals).toHaveLength(2);
      expect(counter.insured).toBeGreaterThanOrEqual(7);
    });
  });

  it('reaches the caller as RESOURCE_EXHAUSTED with RetryInfo and ErrorInfo', async () => {
    const { limiter } = await limiterOn(redisUrl, uniqueName('rl'));
    const probe = await startProbeServer(async ({ message }) => {
      await limiter.admit('caller-a', 'write');
      return { message };
    });
    try {
      const client = probe.client({ retries: 0 });
      for (let i = 0; i < 5; i += 1) await unary(client, 'Echo', {});
      const error = await unary(client, 'Echo', {}).then(
        () => undefined,
        (e: unknown) => e,
      );

      expect(error).toBeInstanceOf(RpcError);
      const { code, errorDetails } = error as RpcError;
      expect(code).toBe(grpc.status.RESOURCE_EXHAUSTED);
      expect(findDetail(errorDetails, 'ErrorInfo')).toMatchObject({
        reason: 'RATE_LIMITED',
        metadata: { rpcClass: 'write' },
      });
      const delay = findDetail(errorDetails, 'RetryInfo')?.retryDelay;
      expect(Number(delay?.seconds) * 1000 + (delay?.nanos ?? 0) / 1e6).toBeGreaterThan(0);
    } finally {
      await probe.stop();
    }
  });
});
