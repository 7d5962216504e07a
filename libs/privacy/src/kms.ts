import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { decrypt, encrypt, KEY_BYTES } from './cipher';

/**
 * The key-encryption key: wraps and unwraps data keys, never hands itself out. A file now; the
 * same two calls map onto Vault's transit engine or AWS KMS Encrypt/Decrypt later.
 */
export interface KeyEncryptionKey {
  /** Names this key (stored beside each wrapped data key, so rotation knows what to rewrap). */
  readonly id: string;
  /** `context` is authenticated with the key: a wrapped key only unwraps for the same context. */
  wrap(dataKey: Buffer, context: string): Promise<Buffer>;
  unwrap(wrapped: Buffer, context: string): Promise<Buffer>;
}

/** A KEK held in memory (from a file or a secret store's value): 32 bytes. */
export const inMemoryKek = (key: Buffer): KeyEncryptionKey => {
  if (key.length !== KEY_BYTES) throw new RangeError(`the master key must be ${KEY_BYTES} bytes`);
  const id = `file:${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
  return {
    id,
    // Promise-returning like a remote KMS; a failure rejects rather than throwing synchronously.
    wrap: (dataKey, context) =>
      new Promise((resolve) => resolve(encrypt(key, dataKey, `${id}/${context}`))),
    unwrap: (wrapped, context) =>
      new Promise((resolve) => resolve(decrypt(key, wrapped, `${id}/${context}`))),
  };
};

/**
 * The KEK from a file holding 32 random bytes in base64. With `createIfMissing` (local stacks and
 * tests) a missing file is created with a fresh key, readable by its owner only; a production
 * deployment mounts the file from its secret store and leaves this off.
 */
export const fileKek = async (
  path: string,
  { createIfMissing = false }: { createIfMissing?: boolean } = {},
): Promise<KeyEncryptionKey> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !createIfMissing) throw error;
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    // 'wx': when another process created it first, read theirs.
    await writeFile(path, randomBytes(KEY_BYTES).toString('base64'), {
      mode: 0o600,
      flag: 'wx',
    }).catch((raced: NodeJS.ErrnoException) => {
      if (raced.code !== 'EEXIST') throw raced;
    });
    text = await readFile(path, 'utf8');
  }
  return inMemoryKek(Buffer.from(text.trim(), 'base64'));
};

/**
 * A KEK loaded on first use (the CLI opens it only for commands that touch personal data). Its
 * id is known once it has wrapped or unwrapped something.
 */
export const lazyKek = (load: () => Promise<KeyEncryptionKey>): KeyEncryptionKey => {
  let loaded: Promise<KeyEncryptionKey> | undefined;
  let known: KeyEncryptionKey | undefined;
  const kek = async () => (known = await (loaded ??= load()));
  return {
    get id(): string {
      if (!known) throw new Error('the master key is not loaded yet');
      return known.id;
    },
    wrap: async (dataKey, context) => (await kek()).wrap(dataKey, context),
    unwrap: async (wrapped, context) => (await kek()).unwrap(wrapped, context),
  };
};
