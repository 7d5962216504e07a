import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { type RedisCredentials, redisAuthOptions } from './credentials';
import { cacheKeys } from './keys';

/**
 * Turns every entry of a namespace into a miss at once (a new generation token), for when its
 * view was replaced underneath it: a rebuilt row can differ at the same stream version, which
 * version floors cannot catch. Entries written back by readers that loaded before the switch
 * carry the old generation and are refused too.
 */
export const retireNamespace = async (
  redisUrl: string,
  namespace: string,
  credentials?: RedisCredentials,
): Promise<void> => {
  const keys = cacheKeys(namespace);
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
    ...redisAuthOptions(credentials),
  });
  try {
    await redis.connect();
    await redis.set(keys.generation, randomUUID());
  } finally {
    redis.disconnect();
  }
};
