import { logLevel, type logCreator } from 'kafkajs';

export interface BridgeLogger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

type Level = 'error' | 'warn' | 'info' | 'debug';

/**
 * The level a kafkajs line is logged at. A broker's error answer ("Response CreateTopics…",
 * "Response GroupCoordinator…") is logged by kafkajs's connection at error level and then thrown
 * to whoever sent the request, which retries it or fails with it and says so: on a healthy start
 * (topics that exist, a coordinator still loading) those lines would be errors that need nothing.
 * A consumer's crash is a warning: every crashed member runs again, by kafkajs or by
 * `restartAfterCrashes`, which turns to error level when a member keeps crashing.
 */
export const bridgedLevel = (level: logLevel, message: string): Level => {
  if (level === logLevel.ERROR) {
    if (message.startsWith('Response ')) return 'debug';
    if (message.startsWith('Crash: ') || message.startsWith('Restarting the consumer'))
      return 'warn';
    return 'error';
  }
  if (level === logLevel.WARN) return 'warn';
  if (level === logLevel.INFO) return 'info';
  return 'debug';
};

/** Routes kafkajs's own log lines into the service logger instead of its console format. */
export const kafkajsLogCreator =
  (logger: BridgeLogger): logCreator =>
  () =>
  ({ level, log }) => {
    const { message, ...extra } = log;
    logger[bridgedLevel(level, message)]({ component: 'kafkajs', ...extra }, message);
  };
