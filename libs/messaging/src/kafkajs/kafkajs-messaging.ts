import { Kafka, logLevel } from 'kafkajs';
import { type Messaging } from '../ports';
import { createKafkaAdmin } from './admin';
import { type StartupBudget } from './broker-states';
import { createKafkaConsumer } from './consumer';
import { type BridgeLogger, kafkajsLogCreator } from './log-bridge';
import { createKafkaProducer } from './producer';

export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly logger?: BridgeLogger;
  /** How long one connection attempt may take; kept short so a down broker is noticed fast. */
  readonly connectionTimeoutMs?: number;
  readonly retries?: number;
  /**
   * How long a starting client waits out a broker that is still settling (partitions without
   * leaders, a coordinator loading) before giving up with the broker's error. Default 60 s.
   */
  readonly startupBudgetMs?: number;
}

export const createKafkaMessaging = (settings: KafkaSettings): Messaging => {
  const kafka = new Kafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    connectionTimeout: settings.connectionTimeoutMs ?? 3_000,
    requestTimeout: 30_000,
    retry: { retries: settings.retries ?? 5, initialRetryTime: 100, maxRetryTime: 5_000 },
    // Services pass their logger; without one (tests, tools) the client stays silent.
    ...(settings.logger
      ? { logLevel: logLevel.WARN, logCreator: kafkajsLogCreator(settings.logger) }
      : { logLevel: logLevel.NOTHING }),
  });
  const budget: StartupBudget = {
    budgetMs: settings.startupBudgetMs ?? 60_000,
    onWait: ({ what, state, attempt, retryInMs }) =>
      settings.logger?.info(
        { component: 'kafkajs', state, attempt, retryInMs },
        `kafka: waiting for ${what} (${state})`,
      ),
  };
  return {
    producer: () => createKafkaProducer(kafka),
    consumer: (consumerSettings) =>
      createKafkaConsumer(kafka, consumerSettings, budget, settings.logger),
    admin: () => createKafkaAdmin(kafka, budget),
  };
};
