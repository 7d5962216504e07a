import { Redis } from 'ioredis';
import {
  BurstyRateLimiter,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  RLWrapperTimeouts,
} from 'rate-limiter-flexible';
import { RateLimited, type RpcClass } from './overloaded';

export { RateLimited, type RpcClass } from './overloaded';

/**
 * One class's rate: `points` calls per `durationSeconds` window, plus an optional reserve of
 * `burstPoints` per `burstDurationSeconds` spent only once the window is used up.
 */
export interface RateLimit {
  readonly points: number;
  readonly durationSeconds: number;
  readonly burstPoints?: number;
  readonly burstDurationSeconds?: number;
}

/** `'off'` switches a class's limit off; only an explicit setting of 0 produces it. */
export type CallLimits = Readonly<Record<RpcClass, RateLimit | 'off'>>;

export interface CallLimiter {
  /** Resolves when the caller may make the call; rejects with RateLimited, never otherwise. */
  admit(callerKey: string, rpcClass: RpcClass): Promise<void>;
  /** Closes the Redis connection if the limiter opened it (`redisUrl`). */
  close(): Promise<void>;
}

export interface CallLimiterOptions {
  /** A connection the caller owns (see `connectLimiterRedis` for fitting options). */
  readonly redis?: Redis | undefined;
  /** Or a URL: the limiter opens its own connection and closes it in `close()`. */
  readonly redisUrl?: string | undefined;
  readonly limits: CallLimits;
  /** Names the limiter's keys in Redis: `<keyPrefix>:<class>:<callerKey>`. */
  readonly keyPrefix: string;
  /** Longest a Redis round trip may take before the in-process limiter decides. Default 100. */
  readonly redisTimeoutMs?: number;
  /** Called whenever Redis failed or was too slow and the in-process limiter decided (metrics). */
  readonly onInsurance?: () => void;
}

const DEFAULT_REDIS_TIMEOUT_MS = 100;
/** The reserve `callLimitsFromConfig` gives: RATE_LIMIT_BURST_SECONDS of calls per this window. */
export const BURST_WINDOW_SECONDS = 60;

/**
 * An ioredis connection that fails fast: a command waits at most `commandTimeoutMs`, none is
 * queued while disconnected and none is retried, so a stopped or unreachable Redis costs a call
 * milliseconds, and the in-process limiter decides instead.
 */
export const connectLimiterRedis = (
  url: string,
  { commandTimeoutMs = DEFAULT_REDIS_TIMEOUT_MS, name = 'ledgerline-rate-limit' } = {},
): Redis =>
  new Redis(url, {
    commandTimeout: commandTimeoutMs,
    connectTimeout: 1_000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (times: number) => Math.min(50 * 2 ** times, 1_000),
    connectionName: name,
    lazyConnect: false,
  });

/** The limits from libs/config `overloadSettings`: a rate of 0 is off. */
export const callLimitsFromConfig = (config: {
  readonly RATE_LIMIT_READ_PER_SECOND: number;
  readonly RATE_LIMIT_WRITE_PER_SECOND: number;
  readonly RATE_LIMIT_ADMIN_PER_SECOND: number;
  readonly RATE_LIMIT_BURST_SECONDS: number;
}): CallLimits => {
  const limit = (perSecond: number): RateLimit | 'off' =>
    perSecond === 0
      ? 'off'
      : {
          points: perSecond,
          durationSeconds: 1,
          burstPoints: perSecond * config.RATE_LIMIT_BURST_SECONDS,
          burstDurationSeconds: BURST_WINDOW_SECONDS,
        };
  return {
    read: limit(config.RATE_LIMIT_READ_PER_SECOND),
    write: limit(config.RATE_LIMIT_WRITE_PER_SECOND),
    admin: limit(config.RATE_LIMIT_ADMIN_PER_SECOND),
  };
};

interface Consumer {
  consume(key: string): Promise<RateLimiterRes>;
}

/** The in-process count; `consume` is what rate-limiter-flexible calls when Redis fails. */
class InsuranceLimiter extends RateLimiterMemory {
  constructor(
    options: { keyPrefix: string; points: number; duration: number },
    private readonly onInsurance: () => void,
  ) {
    super(options);
  }

  override consume(key: string | number, points?: number, options?: object) {
    this.onInsurance();
    return super.consume(key, points, options);
  }

  /** The same count, taken directly (no Redis configured, or the limiter itself failed). */
  consumeHere(key: string): Promise<RateLimiterRes> {
    return super.consume(key);
  }
}

/** A window limiter on Redis, insured by the same window in memory for Redis outages. */
const insuredWindow = (
  redis: Redis | undefined,
  keyPrefix: string,
  points: number,
  duration: number,
  timeoutMs: number,
  onInsurance: () => void,
): { limiter: Consumer; memory: Consumer } => {
  const insurance = new InsuranceLimiter({ keyPrefix, points, duration }, onInsurance);
  const memory: Consumer = { consume: (key) => insurance.consumeHere(key) };
  if (!redis) return { limiter: memory, memory };
  const store = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points,
    duration,
    // Not connected: fail at once (to the insurance below), no command attempted.
    rejectIfRedisNotReady: true,
  });
  // The one place a failure turns into an in-process decision: on an error or after timeoutMs,
  // also on a connection without commandTimeout (a paused Redis, dropped packets). Insuring the
  // store as well would count a timed-out call twice, once per timer.
  const limiter = new RLWrapperTimeouts({ limiter: store, timeoutMs, insuranceLimiter: insurance });
  return { limiter, memory };
};

/** BurstyRateLimiter's logic takes any consumer; its typings ask for a limiter class. */
const bursty = (steady: Consumer, burst: Consumer): Consumer =>
  new BurstyRateLimiter(steady as RateLimiterMemory, burst as RateLimiterMemory);

/**
 * Rate limits per caller and RPC class (issue 13): a fixed one-second window per caller on Redis,
 * shared by every replica, with a burst reserve (rate-limiter-flexible's BurstyRateLimiter, the
 * library's token bucket: the window refills the steady rate, the reserve absorbs bursts).
 *
 * When Redis is unreachable, slow or not configured, the same limits are counted in this
 * process (RateLimiterMemory as insuranceLimiter). That count is per replica: during an outage a
 * caller spread over N replicas gets up to N times its limit. The limit never lapses and a Redis
 * failure never fails the call.
 */
export const createCallLimiter = (options: CallLimiterOptions): CallLimiter => {
  const owned =
    options.redis === undefined && options.redisUrl !== undefined
      ? connectLimiterRedis(options.redisUrl)
      : undefined;
  // Connection errors surface per call as insurance decisions; the client reconnects on its own.
  owned?.on('error', () => undefined);
  const redis = options.redis ?? owned;
  const timeoutMs = options.redisTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS;
  const onInsurance = options.onInsurance ?? (() => undefined);

  const build = (
    rpcClass: RpcClass,
    limit: RateLimit,
  ): { consume: Consumer; fallback: Consumer } => {
    const prefix = `${options.keyPrefix}:${rpcClass}`;
    const steady = insuredWindow(
      redis,
      prefix,
      limit.points,
      limit.durationSeconds,
      timeoutMs,
      onInsurance,
    );
    if (!limit.burstPoints || !limit.burstDurationSeconds)
      return { consume: steady.limiter, fallback: steady.memory };
    const burst = insuredWindow(
      redis,
      `${prefix}:burst`,
      limit.burstPoints,
      limit.burstDurationSeconds,
      timeoutMs,
      onInsurance,
    );
    return {
      consume: bursty(steady.limiter, burst.limiter),
      fallback: bursty(steady.memory, burst.memory),
    };
  };

  const limiters = new Map<RpcClass, { consume: Consumer; fallback: Consumer }>();
  for (const rpcClass of ['read', 'write', 'admin'] as const) {
    const limit = options.limits[rpcClass];
    if (limit !== 'off') limiters.set(rpcClass, build(rpcClass, limit));
  }

  const decide = async (consumer: Consumer, key: string, rpcClass: RpcClass): Promise<void> => {
    try {
      await consumer.consume(key);
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) throw new RateLimited(rpcClass, outcome.msBeforeNext);
      throw outcome;
    }
  };

  return {
    async admit(callerKey, rpcClass) {
      const limiter = limiters.get(rpcClass);
      if (!limiter) return;
      try {
        await decide(limiter.consume, callerKey, rpcClass);
      } catch (error) {
        if (error instanceof RateLimited) throw error;
        // Only a fault of the limiter itself gets here: the in-process count decides instead.
        onInsurance();
        await decide(limiter.fallback, callerKey, rpcClass);
      }
    },
    async close() {
      if (!owned) return;
      if (owned.status === 'ready') await owned.quit().catch(() => undefined);
      owned.disconnect();
    },
  };
};
