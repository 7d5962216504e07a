import { Redis } from 'ioredis';
import { isolatedPostgres, servers, uniqueName } from './index';

describe('the real servers the tests use', () => {
  it('round-trips a row through PostgreSQL in an isolated schema', async () => {
    const pg = await isolatedPostgres('harness');
    try {
      await pg.pool.query('CREATE TABLE t (id int PRIMARY KEY, note text)');
      await pg.pool.query('INSERT INTO t VALUES (1, $1)', ['hello']);
      const { rows } = await pg.pool.query<{ note: string; schema: string }>(
        'SELECT note, current_schema() AS schema FROM t',
      );
      expect(rows).toEqual([{ note: 'hello', schema: pg.schema }]);
    } finally {
      await pg.drop();
    }
  });

  it('round-trips a value through Redis', async () => {
    const redis = new Redis((await servers()).redisUrl);
    try {
      const key = uniqueName('harness');
      await redis.set(key, 'value', 'PX', 10_000);
      expect(await redis.get(key)).toBe('value');
      await redis.del(key);
    } finally {
      redis.disconnect();
    }
  });
});
