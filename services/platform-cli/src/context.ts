import { redisCredentialsFrom, retireNamespace } from '@ledgerline/cache';
import {
  ConfigError,
  DEFAULT_POOL_SIZES,
  hostPorts,
  loadConfig,
  postgresPoolSettings,
  serviceSettings,
  storeCredentialSettings,
  str,
  url,
} from '@ledgerline/config';
import { createPostgresPool } from '@ledgerline/event-store';
import { createKafkaMessaging, type Messaging, namespacedMessaging } from '@ledgerline/messaging';
import {
  kekFromConfig,
  type KeyEncryptionKey,
  lazyKek,
  personalDataCodec,
  postgresKeyring,
  privacySettings,
} from '@ledgerline/privacy';
import { type ReplayDeps, streamProgress } from '@ledgerline/replay';
import { createSearchClient, searchCredentialsFrom, type SearchClient } from '@ledgerline/search';
import { readFileSync } from 'node:fs';
import { type Pool } from 'pg';
import { platformViews, type PlatformView, type ViewOverrides } from './registry';

export const cliSettings = {
  POSTGRES_URL: url({
    description: 'PostgreSQL connection URL',
    protocols: ['postgres', 'postgresql'],
  }),
  KAFKA_BROKERS: hostPorts({ description: 'Kafka bootstrap servers, host:port[,host:port]' }),
  // The platform's services' own setting: the CLI reads and writes the topics they do.
  KAFKA_TOPIC_PREFIX: serviceSettings.KAFKA_TOPIC_PREFIX,
  ELASTICSEARCH_URL: url({ description: 'Elasticsearch HTTP URL', protocols: ['http', 'https'] }),
  REDIS_URL: url({
    description: 'Redis URL of the query services’ cache (retired after a switch)',
    protocols: ['redis', 'rediss'],
  }),
  ...storeCredentialSettings,
  // Rebuilds and verifications legitimately run long statements: no statement timeout by default.
  ...postgresPoolSettings({ poolSize: DEFAULT_POOL_SIZES.platformCli, statementTimeoutMs: 0 }),
  PRIVACY_KEK_FILE: privacySettings.PRIVACY_KEK_FILE,
  PLATFORM_VIEWS: str({
    description: 'JSON file of per-context schema/name overrides for the views (default: none)',
    default: '',
  }),
};

export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** What commands use: servers opened on first use and closed when the command ends. */
export interface CliContext {
  readonly json: boolean;
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly workspace: string;
  pool(): Pool;
  messaging(): Messaging;
  searchClient(): SearchClient;
  views(): readonly PlatformView[];
  /** The query services' cache (Redis) URL. */
  redisUrl(): string;
  /** The master key that wraps the data keys of personal fields (loaded on first use). */
  kek(): KeyEncryptionKey;
  /** Replay's dependencies, with progress on stderr unless `--json`. */
  replayDeps(): ReplayDeps & { end(): void };
  close(): Promise<void>;
}

const readOverrides = (file: string): ViewOverrides => {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ViewOverrides;
  } catch (error) {
    throw new ConfigError('PLATFORM_VIEWS', `cannot read ${file}: ${(error as Error).message}`);
  }
};

export const createContext = (input: {
  json: boolean;
  stdout: Output;
  stderr: Output;
  env: Readonly<Record<string, string | undefined>>;
  workspace: string;
}): CliContext => {
  let config: ReturnType<typeof loadConfig<typeof cliSettings>> | undefined;
  const settings = () => (config ??= loadConfig(cliSettings, input.env));
  let pool: Pool | undefined;
  let messaging: Messaging | undefined;
  let search: SearchClient | undefined;
  let views: readonly PlatformView[] | undefined;
  let kek: KeyEncryptionKey | undefined;
  return {
    ...input,
    pool: () => (pool ??= createPostgresPool(settings(), 'platform-cli')),
    messaging: () =>
      (messaging ??= namespacedMessaging(
        createKafkaMessaging({ brokers: [...settings().KAFKA_BROKERS], clientId: 'platform-cli' }),
        settings().KAFKA_TOPIC_PREFIX,
      )),
    searchClient: () =>
      (search ??= createSearchClient(
        settings().ELASTICSEARCH_URL,
        searchCredentialsFrom(settings()),
      )),
    views: () => (views ??= platformViews(readOverrides(settings().PLATFORM_VIEWS))),
    redisUrl: () => settings().REDIS_URL,
    kek: () => (kek ??= lazyKek(() => kekFromConfig(settings(), input.env))),
    replayDeps() {
      const progress = input.json
        ? { phase: () => undefined, advance: () => undefined, end: () => undefined }
        : streamProgress(input.stderr);
      return {
        pool: this.pool(),
        messaging: this.messaging(),
        searchClient: this.searchClient(),
        progress,
        retireCache: (namespace) =>
          retireNamespace(settings().REDIS_URL, namespace, redisCredentialsFrom(settings())),
        // A rebuild opens personal fields; a forgotten subject's rebuild as the marker.
        codecFor: (schema) =>
          personalDataCodec({
            keyring: postgresKeyring({ pool: this.pool(), schema, kek: this.kek(), cacheTtlMs: 0 }),
          }),
        end: () => progress.end(),
      };
    },
    async close() {
      await pool?.end().catch(() => undefined);
      await search?.close().catch(() => undefined);
    },
  };
};
