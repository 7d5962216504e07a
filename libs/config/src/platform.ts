import { securitySettings } from './security';
import { hostPorts, int, oneOf, port, str, topicPrefix, url } from './settings';

/**
 * The settings shared by every Ledgerline process. The local stack (deploy/local) and
 * docker-compose.yml export exactly these names, so one configuration works in both.
 */
export const serverSettings = {
  POSTGRES_URL: url({
    description: 'PostgreSQL connection URL',
    protocols: ['postgres', 'postgresql'],
  }),
  REDIS_URL: url({ description: 'Redis connection URL', protocols: ['redis', 'rediss'] }),
  KAFKA_BROKERS: hostPorts({ description: 'Kafka bootstrap servers, host:port[,host:port]' }),
  ELASTICSEARCH_URL: url({ description: 'Elasticsearch HTTP URL', protocols: ['http', 'https'] }),
};

export const serviceSettings = {
  GRPC_HOST: str({ description: 'address the gRPC server binds', default: '127.0.0.1' }),
  GRPC_PORT: port({ description: 'port the gRPC server listens on' }),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    description: 'pino log level',
    default: 'info',
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: str({
    description: 'OTLP/HTTP collector; telemetry export is off when empty',
    default: '',
  }),
  KAFKA_TOPIC_PREFIX: topicPrefix({
    description:
      'prefix of every Kafka topic and consumer group (platforms or test runs sharing a cluster); empty for none',
    default: '',
  }),
  ...securitySettings,
};

/**
 * Overload protection of every gRPC server (issue 13): per-caller rate limits, bounded queues,
 * deadlines and the transport's stream and connection limits. A rate of 0 switches that class's
 * limit off: only ever on purpose, since a missing variable takes the default, never "off".
 */
export const overloadSettings = {
  RATE_LIMIT_REDIS_URL: str({
    description:
      'Redis that counts rate limits across replicas; empty: each process counts its own callers',
    default: '',
  }),
  RATE_LIMIT_READ_PER_SECOND: int({
    description:
      'calls per second one caller may make to read RPCs (token refill rate); 0 switches the limit off',
    default: 2_000,
    min: 0,
    max: 1_000_000,
  }),
  RATE_LIMIT_WRITE_PER_SECOND: int({
    description:
      'calls per second one caller may make to write RPCs (commands); 0 switches the limit off',
    default: 1_000,
    min: 0,
    max: 1_000_000,
  }),
  RATE_LIMIT_ADMIN_PER_SECOND: int({
    description:
      'calls per second one caller may make to admin RPCs (rebuilds, parked events); 0 switches the limit off',
    default: 50,
    min: 0,
    max: 1_000_000,
  }),
  RATE_LIMIT_BURST_SECONDS: int({
    description:
      'burst reserve: a caller may exceed its rate by this many seconds of calls per minute',
    default: 2,
    min: 0,
    max: 60,
  }),
  COMMAND_QUEUE_PER_STREAM: int({
    description:
      'commands one process queues for one stream behind the running one; more get RESOURCE_EXHAUSTED',
    default: 64,
    min: 1,
    max: 100_000,
  }),
  CONSISTENCY_MAX_WAITERS: int({
    description:
      'concurrent calls one query process lets wait for a consistency token; more get RESOURCE_EXHAUSTED',
    default: 1_000,
    min: 1,
    max: 1_000_000,
  }),
  GRPC_MAX_DEADLINE_MS: int({
    description: 'longest a call may run: a longer or missing client deadline is cut to this',
    default: 30_000,
    min: 100,
    max: 3_600_000,
  }),
  GRPC_MAX_CONCURRENT_STREAMS: int({
    description: 'concurrent calls (HTTP/2 streams) one client connection may have open',
    default: 256,
    min: 1,
    max: 1_000_000,
  }),
  GRPC_MAX_CONNECTION_AGE_MS: int({
    description:
      'a client connection is asked to reconnect (GOAWAY) after this long, so load rebalances',
    default: 30 * 60_000,
    min: 1_000,
    max: 7 * 24 * 3_600_000,
  }),
  GRPC_MAX_CONNECTION_AGE_GRACE_MS: int({
    description:
      'after GOAWAY for age, calls still running get this long before the connection closes',
    default: 30_000,
    min: 0,
    max: 3_600_000,
  }),
  GRPC_MAX_CONNECTION_IDLE_MS: int({
    description: 'a client connection with no call open for this long is closed (GOAWAY)',
    default: 5 * 60_000,
    min: 1_000,
    max: 7 * 24 * 3_600_000,
  }),
};

/**
 * The Prometheus scrape endpoint (/metrics) every service serves. On by default, so a replica that
 * nobody configured is still seen; deploy/platform.json gives each service its own port (up.sh,
 * compose and the Kubernetes manifests pass it), 0 switches the endpoint off (tests that start
 * several services in one process).
 */
export const metricsSettings = {
  METRICS_HOST: str({
    description: 'address the Prometheus /metrics endpoint binds (0.0.0.0 in containers)',
    default: '127.0.0.1',
  }),
  METRICS_PORT: port({
    description: 'port of the Prometheus /metrics endpoint; 0 switches metrics off',
    default: 9464,
  }),
};

/** Every setting a platform service reads: its own plus security and overload protection. */
export const platformServiceSettings = {
  ...serviceSettings,
  ...overloadSettings,
  ...metricsSettings,
};
