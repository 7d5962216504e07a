import {
  bool,
  DEFAULT_POOL_SIZES,
  int,
  loadConfig,
  postgresPoolSettings,
  serverSettings,
  platformServiceSettings,
} from '@ledgerline/config';
import { privacySettings } from '@ledgerline/privacy';

export const commandServiceSettings = {
  POSTGRES_URL: serverSettings.POSTGRES_URL,
  KAFKA_BROKERS: serverSettings.KAFKA_BROKERS,
  ...platformServiceSettings,
  RELAY_ENABLED: bool({ description: 'run the outbox relay in this process', default: true }),
  EVENT_STORE_GROUP_COMMIT: bool({
    description: 'appends that find the PostgreSQL pool busy share one round trip and commit',
    default: false,
  }),
  EVENT_STORE_GROUP_COMMIT_IN_FLIGHT: int({
    description:
      'with group commit, appends in flight before the next ones go together (0: pool size)',
    default: 0,
    min: 0,
    max: 1_000,
  }),
  ...privacySettings,
  ...postgresPoolSettings({ poolSize: DEFAULT_POOL_SIZES.commandService }),
  IDEMPOTENCY_RETENTION_HOURS: int({
    description: "how long clients' idempotency keys are kept; must outlast any client's retries",
    default: 7 * 24,
    min: 24,
    max: 24 * 366,
  }),
  IDEMPOTENCY_SAGA_RETENTION_HOURS: int({
    description: "how long saga steps' idempotency keys are kept; must outlast operator retries",
    default: 30 * 24,
    min: 24,
    max: 24 * 3660,
  }),
  GRPC_MAX_MESSAGE_BYTES: int({
    description: 'largest accepted request',
    default: 64 * 1024,
    min: 1024,
    max: 16 * 1024 * 1024,
  }),
};

export const loadCommandServiceConfig = (
  env: Readonly<Record<string, string | undefined>> = process.env,
) => loadConfig(commandServiceSettings, env);

export type CommandServiceConfig = ReturnType<typeof loadCommandServiceConfig>;
