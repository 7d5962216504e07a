import { logLevel, type logCreator } from 'kafkajs';

export interface BridgeLogger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/** Routes kafkajs's own log lines into the service logger instead of its console format. */
export const kafkajsLogCreator =
  (logger: BridgeLogger): logCreator =>
  () =>
  ({ level, log }) => {
    const { message, ...extra } = log;
    const entry = { component: 'kafkajs', ...extra };
    if (level === logLevel.ERROR) logger.error(entry, message);
    else if (level === logLevel.WARN) logger.warn(entry, message);
    else if (level === logLevel.INFO) logger.info(entry, message);
    else logger.debug(entry, message);
  };
