/**
 * The slice of a pino logger this library needs, so it can log without depending on
 * libs/logging: `(object, message)` in that order, as pino expects.
 */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
