import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import {
  type Jwk,
  jwkThumbprint,
  leafSubjectAltName,
  opensslConfig,
  parseCommandLine,
  pkiNames,
  publicJwk,
  rotatedJwks,
  signingJwk,
} from './pki/lib.cjs';

const ecJwk = (): Jwk =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }) as Jwk;

describe('pki names', () => {
  it('gives every service of platform.json a certificate, plus operator and probe', () => {
    // given a platform with two services
    const platform = { services: [{ name: 'accounts' }, { name: 'orders-query' }] };
    // when / then
    expect(pkiNames(platform)).toEqual(['accounts', 'orders-query', 'operator', 'probe']);
  });

  it('does not name a certificate twice', () => {
    expect(pkiNames({ services: [{ name: 'probe' }] })).toEqual(['probe', 'operator']);
  });

  it('refuses a service name that is not a DNS label (it becomes a SAN and a file name)', () => {
    expect(() => pkiNames({ services: [{ name: '../ca' }] })).toThrow(/bad service name/);
  });

  it('puts the SPIFFE ID, localhost, the name and 127.0.0.1 into the SAN', () => {
    expect(leafSubjectAltName('accounts')).toBe(
      'URI:spiffe://ledgerline.local/workload/accounts,DNS:localhost,DNS:accounts,IP:127.0.0.1',
    );
  });
});

describe('openssl configuration', () => {
  it('carries the leaf SAN and client+server EKU', () => {
    const config = opensslConfig({ dir: '/tmp/x', san: leafSubjectAltName('probe') });
    expect(config).toContain('subjectAltName = URI:spiffe://ledgerline.local/workload/probe,');
    expect(config).toContain('extendedKeyUsage = serverAuth, clientAuth');
    expect(config).toContain('dir = "/tmp/x"');
  });

  it('refuses a directory OpenSSL would expand', () => {
    expect(() => opensslConfig({ dir: '/tmp/$HOME' })).toThrow(/unsupported character/);
  });
});

describe('JWT signing keys', () => {
  it('takes the RFC 7638 thumbprint (the RFC’s own example)', () => {
    // given the RSA key of RFC 7638 §3.1
    const jwk = {
      kty: 'RSA',
      e: 'AQAB',
      n:
        '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECP' +
        'ebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2Qvzq' +
        'Y368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0' +
        'fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
    };
    // then
    expect(jwkThumbprint(jwk)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });

  it('names an EC key by the thumbprint jose computes too', async () => {
    const key = signingJwk(ecJwk());
    expect(key.kid).toBe(await calculateJwkThumbprint(publicJwk(key) as never));
    expect(key).toMatchObject({ alg: 'ES256', use: 'sig', kty: 'EC', crv: 'P-256' });
  });

  it('publishes no private member', () => {
    expect(publicJwk(signingJwk(ecJwk()))).not.toHaveProperty('d');
  });

  it('keeps the older public keys after a rotation, the current one first', () => {
    // given a JWKS with the first key
    const first = signingJwk(ecJwk());
    const second = signingJwk(ecJwk());
    const before = rotatedJwks(undefined, first);
    // when the second becomes current
    const after = rotatedJwks(before, second);
    // then both verify, the current first, each once
    expect(after.keys.map((k) => k.kid)).toEqual([second.kid, first.kid]);
    expect(rotatedJwks(after, second).keys).toHaveLength(2);
  });

  it('drops the older keys when asked', () => {
    const first = signingJwk(ecJwk());
    const second = signingJwk(ecJwk());
    const after = rotatedJwks(rotatedJwks(undefined, first), second, { dropOld: true });
    expect(after.keys.map((k) => k.kid)).toEqual([second.kid]);
  });
});

describe('command line', () => {
  const spec = { dir: 'string', expired: 'boolean' } as const;

  it('reads values and switches', () => {
    expect(parseCommandLine(['issue', '--dir', 'x', '--expired'], spec)).toEqual({
      command: 'issue',
      options: { dir: 'x', expired: true },
    });
  });

  it('names an unknown option and a missing value', () => {
    expect(() => parseCommandLine(['issue', '--nope'], spec)).toThrow('unknown argument --nope');
    expect(() => parseCommandLine(['issue', '--dir'], spec)).toThrow('--dir needs a value');
  });
});
