import { describeStartupFailure as describePostgresOrPort } from '@ledgerline/command-service';
import { ConfigError } from '@ledgerline/config';

const ELASTICSEARCH_ERRORS = new Set([
  'ConnectionError',
  'TimeoutError',
  'NoLivingConnectionsError',
  'ResponseError',
]);

/**
 * One line for an operator when a query service cannot start. Besides what a command service
 * can hit (settings, PostgreSQL, the port), a query service needs Kafka (kafkajs errors are
 * named `KafkaJS…`) and Elasticsearch (its client's errors are `ConnectionError`, …).
 */
export const describeStartupFailure = (error: unknown): string => {
  if (error instanceof ConfigError) return error.message;
  const { name, message } = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    message?: unknown;
  };
  const detail = typeof message === 'string' ? message : String(error);
  if (typeof name === 'string' && name.startsWith('KafkaJS'))
    return `cannot use Kafka: check KAFKA_BROKERS and that the broker runs (${detail})`;
  if (typeof name === 'string' && ELASTICSEARCH_ERRORS.has(name))
    return `cannot use Elasticsearch: check ELASTICSEARCH_URL and that it runs (${detail})`;
  return describePostgresOrPort(error);
};
