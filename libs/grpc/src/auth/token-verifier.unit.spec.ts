import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createTokenVerifier, VERIFIED_TOKEN_TTL_MS } from './token-verifier';

const dir = mkdtempSync(join(tmpdir(), 'ledgerline-verifier-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const setup = async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwks = join(dir, `${Math.random()}.json`);
  writeFileSync(jwks, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1' }] }));
  let clock = Date.UTC(2026, 0, 1);
  const verifier = createTokenVerifier({
    jwks,
    issuer: 'iss',
    audience: 'aud',
    clockToleranceSeconds: 0,
    now: () => clock,
  });
  const sign = (expSeconds: number) =>
    new SignJWT({ scope: 'a:b c:d' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject('alice')
      .setIssuer('iss')
      .setAudience('aud')
      .setIssuedAt(clock / 1000)
      .setExpirationTime(clock / 1000 + expSeconds)
      .sign(privateKey);
  return { verifier, sign, advance: (ms: number) => (clock += ms) };
};

describe('the token verifier', () => {
  it('given a valid token, then it yields its subject and scopes', async () => {
    const { verifier, sign } = await setup();

    await expect(verifier.verify(await sign(60))).resolves.toEqual({
      subject: 'alice',
      scopes: new Set(['a:b', 'c:d']),
    });
  });

  it('given a token it verified before, when the token expires, then it is refused all the same', async () => {
    // given a token verified (and remembered) 5 s before its expiry
    const { verifier, sign, advance } = await setup();
    const token = await sign(5);
    await verifier.verify(token);

    // when its expiry passes, though well within the remembered time
    advance(6_000);
    expect(6_000).toBeLessThan(VERIFIED_TOKEN_TTL_MS);

    // then it is refused
    await expect(verifier.verify(token)).rejects.toThrow('token expired');
  });
});
