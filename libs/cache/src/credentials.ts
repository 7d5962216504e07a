import { readFileSync } from 'node:fs';
import { type RedisOptions } from 'ioredis';

/**
 * How a process authenticates to Redis, beyond what REDIS_URL's userinfo says; every field
 * optional (the local stack runs Redis without security).
 */
export interface RedisCredentials {
  readonly username?: string;
  readonly password?: string;
  /** PEM file of the CA that signed the server's certificate (rediss:// URLs). */
  readonly caFile?: string;
}

/** The settings' names (libs/config storeCredentialSettings) as credentials. */
export const redisCredentialsFrom = (config: {
  readonly REDIS_USERNAME?: string;
  readonly REDIS_PASSWORD?: string;
  readonly REDIS_CA_FILE?: string;
}): RedisCredentials => ({
  ...(config.REDIS_USERNAME && { username: config.REDIS_USERNAME }),
  ...(config.REDIS_PASSWORD && { password: config.REDIS_PASSWORD }),
  ...(config.REDIS_CA_FILE && { caFile: config.REDIS_CA_FILE }),
});

/**
 * The ioredis options the credentials amount to, only those set: ioredis lets options override
 * the URL's userinfo, so a URL that carries credentials keeps them unless these are given.
 */
export const redisAuthOptions = (
  credentials: RedisCredentials = {},
  readCa: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): Pick<RedisOptions, 'username' | 'password' | 'tls'> => ({
  ...(credentials.username && { username: credentials.username }),
  ...(credentials.password && { password: credentials.password }),
  ...(credentials.caFile && { tls: { ca: readCa(credentials.caFile) } }),
});
