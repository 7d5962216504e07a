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
 * Names of the fields that hold personal text in commands, events, requests and rows (see each
 * context's domain/src/privacy.ts): their values never reach a log line, at whatever depth up
 * to four levels a log call nests them. Error messages name fields, never their values.
 */
export const PERSONAL_LOG_FIELDS = [
  'reference',
  'reason',
  'description',
  'carrier',
  'trackingNumber',
  'tracking_number',
  'cancel_reason',
  'cancelReason',
] as const;

const nestings = ['', '*.', '*.*.', '*.*.*.', '*.*.*.*.'];

export const PERSONAL_LOG_PATHS: readonly string[] = [
  ...nestings.flatMap((prefix) => PERSONAL_LOG_FIELDS.map((field) => `${prefix}${field}`)),
  ...nestings.map((prefix) => `${prefix}lines[*].description`),
];

/** What a redacted value reads as in a log line (the same marker a forgotten subject's fields show). */
export const LOG_REDACTION = '[redacted]';

/**
 * JSON logs, one line per entry, stamped with the service name and, inside a traced operation,
 * the active trace and span ids so a log line can be joined with its trace.
 */
export const createLogger = ({ service, level = 'info', destination }: LoggerSettings): Logger => {
  const options: LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: [...PERSONAL_LOG_PATHS], censor: LOG_REDACTION },
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const context = trace.getActiveSpan()?.spanContext();
      return context ? { trace_id: context.traceId, span_id: context.spanId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
};
