import { privacySettings } from '@ledgerline/privacy';
import {
  bool,
  ConfigError,
  DEFAULT_POOL_SIZES,
  int,
  loadConfig,
  postgresPoolSettings,
  serverSettings,
  storeCredentialSettings,
  platformServiceSettings,
  type Setting,
} from '@ledgerline/config';

/** The development secret: fine on a laptop, logged as a warning anywhere it is used. */
export const DEV_CURSOR_SECRET = 'ledgerline-dev-cursor-secret';

const secrets = (description: string): Setting<readonly string[]> => ({
  description,
  default: [DEV_CURSOR_SECRET],
  parse(raw, name) {
    const items = raw.split(',').map((item) => item.trim());
    if (items.some((item) => item.length < 16))
      throw new ConfigError(name, 'must list secrets of at least 16 characters, comma-separated');
    return items;
  },
});

export const queryServiceSettings = {
  ...serverSettings,
  ...storeCredentialSettings,
  ...platformServiceSettings,
  PRIVACY_KEK_FILE: privacySettings.PRIVACY_KEK_FILE,
  PRIVACY_KEY_CACHE_MS: privacySettings.PRIVACY_KEY_CACHE_MS,
  PROJECTORS_ENABLED: bool({
    description: 'run the projectors in this process (off: serve queries only)',
    default: true,
  }),
  ...postgresPoolSettings({ poolSize: DEFAULT_POOL_SIZES.queryService }),
  GRPC_MAX_MESSAGE_BYTES: int({
    description: 'largest accepted request',
    default: 64 * 1024,
    min: 1024,
    max: 16 * 1024 * 1024,
  }),
  CURSOR_SECRET: secrets('HMAC secrets of page tokens: the first signs, all verify (rotation)'),
  CONSISTENCY_MAX_WAIT_MS: int({
    description: 'longest wait for a consistency token, also when the call has no deadline',
    default: 5_000,
    min: 0,
    max: 60_000,
  }),
};

export const loadQueryServiceConfig = (
  env: Readonly<Record<string, string | undefined>> = process.env,
) => loadConfig(queryServiceSettings, env);

export type QueryServiceConfig = ReturnType<typeof loadQueryServiceConfig>;
