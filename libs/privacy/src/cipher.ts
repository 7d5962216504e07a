import {
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

// AES-256-GCM: a fresh random 96-bit IV per value (never reused under one key), a 128-bit tag
// that fails decryption of anything altered. The key id is authenticated as additional data, so
// a ciphertext moved beside another key id does not open either.
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** Stored personal values start with this; what follows is `<key id>:<base64url(iv‖ct‖tag)>`. */
export const SEALED_PREFIX = 'enc:v1:';

export interface SealedValue {
  readonly keyId: string;
  readonly payload: Buffer;
}

export const isSealed = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(SEALED_PREFIX);

// IVs are cut from a block of CSPRNG output drawn 4,096 at a time: each slice is used once, and
// one draw per 4,096 values costs far less than one per value (sealing a batch of appends).
const IV_BLOCK = IV_BYTES * 4_096;
let ivs = Buffer.alloc(0);
let ivOffset = 0;
const nextIv = (): Buffer => {
  if (ivOffset + IV_BYTES > ivs.length) {
    ivs = randomBytes(IV_BLOCK);
    ivOffset = 0;
  }
  const iv = ivs.subarray(ivOffset, ivOffset + IV_BYTES);
  ivOffset += IV_BYTES;
  return iv;
};

// A key imported once (KeyObject) instead of at every cipher: keys live in the keyring's cache.
const keyObjects = new WeakMap<Buffer, KeyObject>();
const keyObjectOf = (key: Buffer): KeyObject => {
  let object = keyObjects.get(key);
  if (!object) {
    object = createSecretKey(key);
    keyObjects.set(key, object);
  }
  return object;
};

// Sealed bytes are assembled here and encoded straight from it: no buffer per value.
let scratch = Buffer.allocUnsafeSlow(1_024);
const room = (bytes: number): Buffer => {
  if (scratch.length < bytes) scratch = Buffer.allocUnsafeSlow(Math.max(bytes, scratch.length * 2));
  return scratch;
};

/**
 * AES-256-GCM of `plaintext` under an imported key, written as `iv‖ct‖tag` at the start of the
 * scratch buffer; returns its length. `associated` is authenticated, not secret. Each call is one
 * cipher with its own IV (values open one by one).
 */
const sealToScratch = (key: KeyObject, plaintext: Buffer | string, associated: Buffer): number => {
  const iv = nextIv();
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associated);
  const body =
    typeof plaintext === 'string' ? cipher.update(plaintext, 'utf8') : cipher.update(plaintext);
  // GCM is a stream mode: final() only computes the tag, its output is empty; kept general anyway.
  const tail = cipher.final();
  const out = room(IV_BYTES + body.length + tail.length + TAG_BYTES);
  let end = iv.copy(out, 0);
  end += body.copy(out, end);
  end += tail.copy(out, end);
  return end + cipher.getAuthTag().copy(out, end);
};

/** Encrypts bytes under `key`, binding `associated` (authenticated, not secret). */
export const encrypt = (key: Buffer, plaintext: Buffer, associated: string): Buffer => {
  if (key.length !== KEY_BYTES) throw new RangeError(`an AES-256 key has ${KEY_BYTES} bytes`);
  const end = sealToScratch(keyObjectOf(key), plaintext, Buffer.from(associated, 'utf8'));
  return Buffer.from(scratch.subarray(0, end));
};

/** Decrypts what `encrypt` produced; throws when the key, the data or `associated` differ. */
export const decrypt = (key: Buffer, sealed: Buffer, associated: string): Buffer => {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short');
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv(ALGORITHM, keyObjectOf(key), iv, {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(associated, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, -TAG_BYTES)), decipher.final()]);
};

/**
 * Seals text values under one data key: `enc:v1:<keyId>:<payload>`. What every value of the key
 * shares (the imported key, the key id as associated data, the prefix) is prepared once, so a
 * batch of values pays only its ciphers and their strings.
 */
export const textSealer = (key: Buffer, keyId: string): ((text: string) => string) => {
  if (key.length !== KEY_BYTES) throw new RangeError(`an AES-256 key has ${KEY_BYTES} bytes`);
  const imported = keyObjectOf(key);
  const associated = Buffer.from(keyId, 'utf8');
  const prefix = `${SEALED_PREFIX}${keyId}:`;
  return (text) =>
    prefix + scratch.toString('base64url', 0, sealToScratch(imported, text, associated));
};

/** One personal text value as stored: `enc:v1:<keyId>:<payload>`. */
export const sealText = (key: Buffer, keyId: string, text: string): string =>
  textSealer(key, keyId)(text);

/** The key id of a stored value, its payload left undecoded; throws when it is not one. */
export const keyIdOf = (value: string): string => {
  if (!isSealed(value)) throw new Error('not a sealed value');
  const colon = value.indexOf(':', SEALED_PREFIX.length);
  if (colon <= SEALED_PREFIX.length) throw new Error('sealed value without a key id');
  return value.slice(SEALED_PREFIX.length, colon);
};

/** The key id and payload of a stored value; throws when it is not one. */
export const parseSealed = (value: string): SealedValue => {
  const keyId = keyIdOf(value);
  const payload = Buffer.from(value.slice(SEALED_PREFIX.length + keyId.length + 1), 'base64url');
  return { keyId, payload };
};

/** The text of a stored value under `key`; throws when it was altered or sealed under another key. */
export const openText = (key: Buffer, value: string): string => {
  const { keyId, payload } = parseSealed(value);
  return decrypt(key, payload, keyId).toString('utf8');
};
