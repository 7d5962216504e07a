import {
  bool,
  DEFAULT_POOL_SIZES,
  int,
  loadConfig,
  postgresPoolSettings,
  serverSettings,
  platformServiceSettings,
  str,
} from '@ledgerline/config';
import { privacySettings } from '@ledgerline/privacy';

export const checkoutSettings = {
  POSTGRES_URL: serverSettings.POSTGRES_URL,
  KAFKA_BROKERS: serverSettings.KAFKA_BROKERS,
  ...platformServiceSettings,
  PRIVACY_KEK_FILE: privacySettings.PRIVACY_KEK_FILE,
  PRIVACY_KEY_CACHE_MS: privacySettings.PRIVACY_KEY_CACHE_MS,
  PRIVACY_SOURCE_SCHEMAS: str({
    description:
      'event store schemas whose sealed personal fields the saga opens when relays publish ciphertext (comma-separated)',
    default: 'orders,payments,accounts',
  }),
  ACCOUNTS_ADDRESS: str({
    description: 'accounts command service, host:port[,host:port…] (replicas: round robin)',
    default: '127.0.0.1:15051',
  }),
  PAYMENTS_ADDRESS: str({
    description: 'payments command service, host:port[,host:port…] (replicas: round robin)',
    default: '127.0.0.1:15052',
  }),
  ORDERS_ADDRESS: str({
    description: 'orders command service, host:port[,host:port…] (replicas: round robin)',
    default: '127.0.0.1:15053',
  }),
  CHECKOUT_PAYMENT_TIMEOUT_MS: int({
    description: 'how long a checkout waits for its payment before compensating',
    default: 30_000,
    min: 100,
    max: 86_400_000,
  }),
  CHECKOUT_RESERVATION_GRACE_MS: int({
    // The saga releases the reservation itself when the payment deadline passes unauthorised, and
    // captures it once authorised; the expiry only backs that up (a saga stuck for longer than the
    // deadline and this grace), so it must leave the capture after authorisation time to land.
    description:
      "how long a checkout's reservation outlives its payment deadline before it expires",
    default: 15 * 60_000,
    min: 1_000,
    max: 86_400_000,
  }),
  SAGA_SCHEMA: str({ description: 'PostgreSQL schema of the saga tables', default: 'sagas' }),
  SAGA_CONSUMER_GROUP: str({
    description: 'Kafka consumer group of the checkout saga',
    default: 'ledgerline.saga.checkout',
  }),
  SAGA_POLL_INTERVAL_MS: int({
    description: 'how often due commands and deadlines are polled',
    default: 250,
    min: 10,
    max: 60_000,
  }),
  SAGA_CLAIM_MS: int({
    description: 'how long a process owns a command it sends before another may re-send it',
    default: 5_000,
    min: 100,
    max: 600_000,
  }),
  SAGA_RETRY_BASE_MS: int({
    description: 'first retry delay after a transient failure',
    default: 100,
    min: 1,
    max: 60_000,
  }),
  SAGA_RETRY_MAX_MS: int({
    description: 'longest retry delay',
    default: 5_000,
    min: 1,
    max: 600_000,
  }),
  SAGA_COMPENSATION_ATTEMPTS: int({
    description: 'attempts of a compensation before the saga is compensation_failed',
    default: 8,
    min: 1,
    max: 1_000,
  }),
  SAGA_COMMANDS_IN_FLIGHT: int({
    // A few times what a command service works on in parallel (its connection pool; commands on
    // a busy stream wait their turn inside it): more only queue inside the service, where the
    // wait eats into each command's deadline.
    description: 'commands sent at once to each service; the rest wait in the saga',
    default: 32,
    min: 1,
    max: 10_000,
  }),
  SAGA_MAX_ACTIVE: int({
    // A burst beyond this waits in Kafka: a saga's payment deadline starts only when it starts.
    description: 'checkouts this process runs at once; further orders wait to start',
    default: 200,
    min: 1,
    max: 100_000,
  }),
  COMMAND_DEADLINE_MS: int({
    description: 'gRPC deadline of each command sent',
    default: 3_000,
    min: 50,
    max: 600_000,
  }),
  SAGA_CONSUMER_FROM_BEGINNING: bool({
    // A new group starting at the oldest retained event would start sagas for every order still
    // in the topic, however old; once the group has committed offsets it resumes from them.
    description: 'a new consumer group starts at the oldest retained event (else at the newest)',
    default: false,
  }),
  ...postgresPoolSettings({ poolSize: DEFAULT_POOL_SIZES.checkout }),
};

export const loadCheckoutConfig = (
  env: Readonly<Record<string, string | undefined>> = process.env,
) => loadConfig(checkoutSettings, env);

export type CheckoutConfig = ReturnType<typeof loadCheckoutConfig>;
