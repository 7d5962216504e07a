import { servers, uniqueName } from '@ledgerline/testing';
import { Redis } from 'ioredis';
import { cacheKeys } from './keys';
import { retireNamespace } from './retire';

// Redis with an ACL user (docs/adr/0028-least-privilege-in-the-stores.md): the credentials reach
// the server, and the user may touch only its namespace's keys.
describe('Redis credentials against a running Redis', () => {
  const user = uniqueName('ll_cache_user').replace(/[^a-z0-9_]/g, '_');
  const namespace = uniqueName('acl').replace(/[^a-z0-9-]/g, '-');
  const password = `pw-${uniqueName('p')}`;
  let redisUrl: string;
  let admin: Redis;

  beforeAll(async () => {
    redisUrl = (await servers()).redisUrl;
    admin = new Redis(redisUrl);
    await admin.call(
      'ACL',
      'SETUSER',
      user,
      'on',
      `>${password}`,
      `~ledgerline:${namespace}:*`,
      '+set',
    );
  });
  afterAll(async () => {
    await admin.call('ACL', 'DELUSER', user);
    await admin.del(cacheKeys(namespace).generation);
    await admin.quit();
  });

  it("retires a namespace as the ACL user, with its password from the settings, not the URL's", async () => {
    await retireNamespace(redisUrl, namespace, { username: user, password });

    expect(await admin.get(cacheKeys(namespace).generation)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is refused with a wrong password, and outside its keys', async () => {
    await expect(
      retireNamespace(redisUrl, namespace, { username: user, password: 'wrong' }),
      // ioredis reports the refused AUTH as the connection closing (no retries here).
    ).rejects.toThrow(/WRONGPASS|Connection is closed/);
    await expect(
      retireNamespace(redisUrl, `${namespace}-other`, { username: user, password }),
    ).rejects.toThrow(/NOPERM/);
  });
});
