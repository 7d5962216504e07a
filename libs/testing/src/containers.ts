import { existsSync } from 'node:fs';

import { type ServerVariables as Variables } from './servers';

const dockerAvailable = (): boolean =>
  Boolean(process.env['DOCKER_HOST']) || existsSync('/var/run/docker.sock');

/**
 * Fallback for machines with a Docker engine and no local stack: the same four servers as
 * docker-compose.yml, started with testcontainers and stopped when the test process exits.
 */
export const startContainers = async (): Promise<Variables> => {
  if (!dockerAvailable()) {
    throw new Error(
      'testing: no servers configured (POSTGRES_URL, REDIS_URL, KAFKA_BROKERS, ELASTICSEARCH_URL) and no Docker engine; run `npm run stack -- up` first',
    );
  }
  // Loaded lazily so machines without Docker never load the container runtime.
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const { RedisContainer } = await import('@testcontainers/redis');
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const { ElasticsearchContainer } = await import('@testcontainers/elasticsearch');
  const [postgres, redis, kafka, elasticsearch] = await Promise.all([
    new PostgreSqlContainer('postgres:15')
      .withUsername('ledgerline')
      .withPassword('ledgerline')
      .withDatabase('ledgerline')
      .start(),
    new RedisContainer('redis:7').start(),
    new KafkaContainer('apache/kafka:3.9.1').withKraft().start(),
    new ElasticsearchContainer('docker.elastic.co/elasticsearch/elasticsearch:8.19.2')
      .withEnvironment({ 'xpack.security.enabled': 'false', ES_JAVA_OPTS: '-Xms1g -Xmx1g' })
      .start(),
  ]);
  return {
    POSTGRES_URL: postgres.getConnectionUri(),
    REDIS_URL: redis.getConnectionUrl(),
    KAFKA_BROKERS: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    ELASTICSEARCH_URL: elasticsearch.getHttpUrl(),
  };
};
