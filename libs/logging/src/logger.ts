import { trace } from '@opentelemetry/api';
import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

export interface LoggerSettings {
  readonly service: string;
  readonly level?: string;
  /** Where JSON lines go; standard output unless a test captures them. */
  readonly destination?: pino.DestinationStream;
}

/**
 * JSON logs, one line per entry, stamped with the service name and, inside a traced operation,
 * the active trace and span ids so a log line can be joined with its trace.
 */
export const createLogger = ({ service, level = 'info', destination }: LoggerSettings): Logger => {
  const options: LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const context = trace.getActiveSpan()?.spanContext();
      return context ? { trace_id: context.traceId, span_id: context.spanId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
};
