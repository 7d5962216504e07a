import { redisAuthOptions, redisCredentialsFrom } from './credentials';

const readCa = (file: string) => `pem of ${file}`;

describe('Redis credentials', () => {
  it("adds nothing when none are set, so the URL's userinfo (or none) holds", () => {
    const credentials = redisCredentialsFrom({
      REDIS_USERNAME: '',
      REDIS_PASSWORD: '',
      REDIS_CA_FILE: '',
    });

    expect(redisAuthOptions(credentials, readCa)).toEqual({});
  });

  it('passes an ACL user, its password and the CA of a rediss:// server', () => {
    const credentials = redisCredentialsFrom({
      REDIS_USERNAME: 'ledgerline_accounts_query',
      REDIS_PASSWORD: 's3cret',
      REDIS_CA_FILE: '/etc/ca.pem',
    });

    expect(redisAuthOptions(credentials, readCa)).toEqual({
      username: 'ledgerline_accounts_query',
      password: 's3cret',
      tls: { ca: 'pem of /etc/ca.pem' },
    });
  });
});
