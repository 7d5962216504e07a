import { loadConfig, securitySettings } from '@ledgerline/config';
import { serverSecurityFrom } from './server-security';

const settings = (env: Record<string, string>) =>
  loadConfig(securitySettings, { GRPC_TLS: 'off', AUTH_JWKS: '/etc/ledgerline/jwks.json', ...env });

describe('serverSecurityFrom', () => {
  it.each([{ LEDGERLINE_ENV: 'production' }, { NODE_ENV: 'production' }])(
    'given production (%o) and the development token issuer, then the service does not start',
    (env) => {
      expect(() => serverSecurityFrom(settings(env), 'accounts')).toThrow(
        'AUTH_ISSUER is the development issuer',
      );
    },
  );

  it('given production and an issuer of its own, then it starts', () => {
    const parts = serverSecurityFrom(
      settings({ LEDGERLINE_ENV: 'production', AUTH_ISSUER: 'https://id.example.com/' }),
      'accounts',
    );
    expect(parts.security.mutualTls).toBe(false);
  });

  it('given development, then the development issuer is accepted', () => {
    expect(() => serverSecurityFrom(settings({}), 'accounts')).not.toThrow();
  });
});
