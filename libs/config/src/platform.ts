import { securitySettings } from './security';
import { hostPorts, oneOf, port, str, topicPrefix, url } from './settings';

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
