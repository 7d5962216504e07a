import { type Logger } from '../logger';

export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly obj: object;
  readonly msg: string | undefined;
}

/** A Logger that keeps what it was told, for asserting on what reached the logs. */
export const recordingLogger = (): Logger & { entries: LogEntry[] } => {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (obj: object, msg?: string) => {
    entries.push({ level, obj, msg });
  };
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
};
