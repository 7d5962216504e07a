import { type Logger } from '@ledgerline/logging';
import { Redis } from 'ioredis';
import { CircuitBreaker, type CircuitState } from './circuit-breaker';
import { redisAuthOptions, type RedisCredentials } from './credentials';
import { type ScriptedRedis, scripts } from './scripts';

export const BYPASS = Symbol('bypass');

export interface GuardSettings {
  readonly redisUrl: string;
  readonly credentials?: RedisCredentials;
  readonly namespace: string;
  readonly logger: Logger;
  readonly commandTimeoutMs: number;
  readonly failureThreshold: number;
  readonly openMs: number;
  readonly connectTimeoutMs: number;
  /** The probe that closes the circuit again; it throws when Redis still does not answer. */
  readonly recover: (redis: ScriptedRedis) => Promise<void>;
  readonly onError: () => void;
}

export interface GuardedRedis {
  /** Runs the command unless the circuit is open; BYPASS when skipped or failed. */
  attempt<T>(command: (redis: ScriptedRedis) => Promise<T>): Promise<T | typeof BYPASS>;
  /** An invalidation did not reach Redis: skip Redis until `recover` has run. */
  lost(operation: string, count: number): void;
  readonly state: CircuitState;
  close(): Promise<void>;
}

/**
 * The cache's Redis connection behind a circuit breaker: commands fail fast (short timeout, no
 * offline queue), repeated failures skip Redis for `openMs`, and a timer then runs `recover` as
 * the probe, so recovery does not wait for traffic.
 */
export const connectGuarded = async (settings: GuardSettings): Promise<GuardedRedis> => {
  const { namespace, logger } = settings;
  const breaker = new CircuitBreaker(settings);
  const options = {
    commandTimeout: settings.commandTimeoutMs,
    connectTimeout: 1_000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (times: number) => Math.min(50 * 2 ** times, 1_000),
    connectionName: `ledgerline-cache:${namespace}`,
    scripts,
    // Untyped ioredis option (default 2 s): how long `disconnect` waits for a dead socket.
    disconnectTimeout: 200,
    ...redisAuthOptions(settings.credentials),
  };
  const redis = new Redis(settings.redisUrl, options) as ScriptedRedis;
  redis.on('error', (error) => logger.debug({ err: error, namespace }, 'cache: Redis error'));

  let probeTimer: NodeJS.Timeout | undefined;
  let closing = false;

  const scheduleProbe = (): void => {
    if (closing || probeTimer || breaker.state !== 'open') return;
    probeTimer = setTimeout(() => {
      probeTimer = undefined;
      if (breaker.admit() === 'probe') void probe();
      else scheduleProbe();
    }, breaker.msUntilProbe());
    probeTimer.unref();
  };

  const probe = async (): Promise<boolean> => {
    try {
      await settings.recover(redis);
      breaker.probeSucceeded();
    } catch (error) {
      settings.onError();
      breaker.probeFailed();
      logger.debug({ err: error, namespace }, 'cache: Redis probe failed');
    }
    if (breaker.state === 'closed') {
      logger.info({ namespace }, 'cache: Redis answers again; new generation, cache starts cold');
      return true;
    }
    scheduleProbe();
    return false;
  };

  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, settings.connectTimeoutMs);
    redis.once('ready', done);
  });
  if (redis.status !== 'ready') {
    logger.warn({ namespace }, 'cache: Redis unreachable at start-up; reading from the read model');
  } else {
    // Loaded now, so the first read or invalidation of a cold start does not pay a script's
    // load (NOSCRIPT, then EVAL) inside its command timeout: a timed-out invalidation trips the
    // breaker and leaves the cache off for a while.
    await Promise.all(Object.values(scripts).map(({ lua }) => redis.script('LOAD', lua))).catch(
      (error: unknown) => logger.debug({ err: error, namespace }, 'cache: script load failed'),
    );
  }

  return {
    async attempt(command) {
      const admission = breaker.admit();
      if (admission === 'skip') return BYPASS;
      if (admission === 'probe' && !(await probe())) return BYPASS;
      try {
        const result = await command(redis);
        breaker.succeeded();
        return result;
      } catch (error) {
        settings.onError();
        if (breaker.failed()) {
          logger.warn(
            { err: error, namespace },
            'cache: Redis failing; reading from the read model',
          );
        }
        scheduleProbe();
        return BYPASS;
      }
    },
    lost(operation, count) {
      breaker.trip();
      scheduleProbe();
      logger.warn(
        { namespace, operation, keys: count },
        'cache: invalidation lost; skipping Redis until a new generation is set',
      );
    },
    get state() {
      return breaker.state;
    },
    async close() {
      closing = true;
      clearTimeout(probeTimer);
      if (redis.status === 'ready') await redis.quit().catch(() => undefined);
      redis.disconnect();
    },
  };
};
