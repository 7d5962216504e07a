import { bool, ConfigError, int, oneOf, str } from '@ledgerline/config';
import { type PrivacyCatalog } from '@ledgerline/domain';
import { type EventCodec } from '@ledgerline/event-store';
import { join } from 'node:path';
import { type Pool } from 'pg';
import { personalDataCodec } from './codec';
import { postgresKeyring } from './keyring';
import { fileKek, type KeyEncryptionKey } from './kms';

/** The privacy settings every process that writes or reads events shares (docs/adr/0027). */
export const privacySettings = {
  PRIVACY_ENCRYPTION: bool({
    description:
      'seal personal event fields (AES-256-GCM, per-subject keys) at append; readers open sealed fields either way',
    default: true,
  }),
  PRIVACY_KEK_FILE: str({
    description:
      'file with the 32-byte master key (base64) that wraps the data keys; default in development: <LEDGERLINE_STACK_DIR or .stack>/privacy/kek, created when missing',
    default: '',
  }),
  PRIVACY_KEY_CACHE_MS: int({
    description:
      'how long an unwrapped data key is reused; bounds how long a running process still opens a subject forgotten elsewhere',
    default: 60_000,
    min: 0,
    max: 3_600_000,
  }),
  RELAY_PERSONAL_DATA: oneOf(['plaintext', 'ciphertext'], {
    description:
      'what the relay publishes in personal fields: the stored ciphertext with its key id (Kafka then holds nothing a forget leaves readable; consumers open it with the keyring), or plaintext (an explicit opt-in: Kafka keeps a forgotten subject readable for the topic retention)',
    default: 'ciphertext',
  }),
};

export interface PrivacyConfig {
  readonly PRIVACY_ENCRYPTION: boolean;
  readonly PRIVACY_KEK_FILE: string;
  readonly PRIVACY_KEY_CACHE_MS: number;
  readonly LEDGERLINE_ENV?: string;
}

/**
 * The master key: from PRIVACY_KEK_FILE, or in development a file under the stack directory
 * created on first use. Production must name its file (mounted from a secret store).
 */
export const kekFromConfig = (
  config: Pick<PrivacyConfig, 'PRIVACY_KEK_FILE' | 'LEDGERLINE_ENV'>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<KeyEncryptionKey> => {
  if (config.PRIVACY_KEK_FILE) return fileKek(config.PRIVACY_KEK_FILE);
  if (config.LEDGERLINE_ENV === 'production')
    throw new ConfigError('PRIVACY_KEK_FILE', 'is required in production');
  const stack = env['LEDGERLINE_STACK_DIR'] || '.stack';
  return fileKek(join(stack, 'privacy', 'kek'), { createIfMissing: true });
};

/**
 * The event store codec of one context's schema: seals the `catalog`'s personal fields when
 * PRIVACY_ENCRYPTION is on, and always opens what was sealed (a store read without it would hand
 * readers ciphertext).
 */
export const eventCodecFromConfig = async (
  config: PrivacyConfig,
  { pool, schema, catalog }: { pool: Pool; schema: string; catalog?: PrivacyCatalog },
): Promise<EventCodec> => {
  const keyring = postgresKeyring({
    pool,
    schema,
    kek: await kekFromConfig(config),
    cacheTtlMs: config.PRIVACY_KEY_CACHE_MS,
  });
  return personalDataCodec({
    keyring,
    ...(config.PRIVACY_ENCRYPTION && catalog ? { catalog } : {}),
  });
};
