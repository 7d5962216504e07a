import { randomBytes } from 'node:crypto';
import { keyIdOf, openText, parseSealed, SEALED_PREFIX, sealText, textSealer } from './cipher';
import { inMemoryKek } from './kms';

const KEY_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('sealing a personal value (AES-256-GCM)', () => {
  const key = randomBytes(32);

  it('round-trips text, the key id stored beside the ciphertext', () => {
    const sealed = sealText(key, KEY_ID, 'Ada Lovelace, 12 Analytical Row ✓');
    expect(sealed.startsWith(`${SEALED_PREFIX}${KEY_ID}:`)).toBe(true);
    expect(sealed).not.toContain('Ada');
    expect(openText(key, sealed)).toBe('Ada Lovelace, 12 Analytical Row ✓');
  });

  it('uses a fresh IV each time: the same text seals differently', () => {
    expect(sealText(key, KEY_ID, 'same')).not.toBe(sealText(key, KEY_ID, 'same'));
  });

  it('never repeats an IV across more values than one block of drawn IVs holds', () => {
    // given 10,000 values sealed under one key (the IV block holds 4,096)
    const ivs = Array.from({ length: 10_000 }, () =>
      parseSealed(sealText(key, KEY_ID, 'same'))
        .payload.subarray(0, 12)
        .toString('hex'),
    );
    // then every IV is distinct
    expect(new Set(ivs).size).toBe(ivs.length);
  });

  it('opens values stored before sealing was batched (same format, stored data stays readable)', () => {
    // given a value sealed by the earlier per-value code under a known key
    const stored =
      'enc:v1:7c9e6679-7425-40de-944b-e07fc1f90ae7:9EUUAOBmbegyRxIlMkln1cDecLJkUWcUJz_g3p-q2BoaZrT6H3sfnaZ7lNKdylaQ1TljLpshsl4n6WmTbLzE';
    // then it opens as written
    expect(openText(Buffer.alloc(32, 7), stored)).toBe('Ada Lovelace, 12 Analytical Row ✓');
  });

  it('a sealer prepared once per key seals each value with its own IV, each opening alone', () => {
    // given one sealer used for several values
    const seal = textSealer(key, KEY_ID);
    const values = ['first', 'second', '', 'fourth ✓'].map(seal);
    // then each value carries the key id, a distinct IV, and opens on its own
    expect(values.every((value) => value.startsWith(`${SEALED_PREFIX}${KEY_ID}:`))).toBe(true);
    const ivs = values.map((value) => parseSealed(value).payload.subarray(0, 12).toString('hex'));
    expect(new Set(ivs).size).toBe(values.length);
    expect(values.map((value) => openText(key, value))).toEqual([
      'first',
      'second',
      '',
      'fourth ✓',
    ]);
    expect(sealText(key, KEY_ID, 'same')).toMatch(/^enc:v1:[^:]+:[A-Za-z0-9_-]+$/);
  });

  it('refuses a data key of the wrong size before sealing anything', () => {
    expect(() => textSealer(randomBytes(16), KEY_ID)).toThrow(/32 bytes/);
  });

  it('reads the key id of a stored value from its prefix', () => {
    expect(keyIdOf(sealText(key, KEY_ID, 'a reference'))).toBe(KEY_ID);
    expect(() => keyIdOf(`${SEALED_PREFIX}:payload`)).toThrow(/without a key id/);
    expect(() => keyIdOf('plain text')).toThrow(/not a sealed value/);
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = sealText(key, KEY_ID, 'a reference');
    const { payload } = parseSealed(sealed);
    payload[14] = payload[14]! ^ 0x01;
    const tampered = `${SEALED_PREFIX}${KEY_ID}:${payload.toString('base64url')}`;
    expect(() => openText(key, tampered)).toThrow();
  });

  it('refuses the ciphertext moved beside another key id', () => {
    const sealed = sealText(key, KEY_ID, 'a reference');
    const moved = sealed.replace(KEY_ID, 'b3c9a2e4-1d6f-4a8b-9c0d-2e3f4a5b6c7d');
    expect(() => openText(key, moved)).toThrow();
  });

  it('refuses the wrong key', () => {
    const sealed = sealText(key, KEY_ID, 'a reference');
    expect(() => openText(randomBytes(32), sealed)).toThrow();
  });
});

describe('wrapping data keys with the key-encryption key', () => {
  const kek = inMemoryKek(randomBytes(32));

  it('unwraps what it wrapped for the same context only', async () => {
    const dataKey = randomBytes(32);
    const wrapped = await kek.wrap(dataKey, 'customer-1/k1');
    expect(wrapped.includes(dataKey)).toBe(false);
    await expect(kek.unwrap(wrapped, 'customer-1/k1')).resolves.toEqual(dataKey);
    await expect(kek.unwrap(wrapped, 'customer-2/k1')).rejects.toThrow();
  });

  it('another master key cannot unwrap it', async () => {
    const wrapped = await kek.wrap(randomBytes(32), 'customer-1/k1');
    await expect(inMemoryKek(randomBytes(32)).unwrap(wrapped, 'customer-1/k1')).rejects.toThrow();
  });

  it('refuses a master key of the wrong size', () => {
    expect(() => inMemoryKek(randomBytes(16))).toThrow(/32 bytes/);
  });
});
