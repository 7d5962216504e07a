/**
 * Domain errors say *what* went wrong in business terms; transports decide how to report them
 * (libs/grpc maps each kind to a status code). They never carry I/O details.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'invalid-input' | 'rule-violation' | 'not-found';

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command itself is malformed: a field is missing, out of range or of the wrong shape. */
export class InvalidInput extends DomainError {
  readonly kind = 'invalid-input' as const;
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** The command is well formed but the current state forbids it (insufficient funds, illegal transition…). */
export class RuleViolation extends DomainError {
  readonly kind = 'rule-violation' as const;
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/** The command addresses an entity that does not exist. */
export class NotFound extends DomainError {
  readonly kind = 'not-found' as const;
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`);
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
