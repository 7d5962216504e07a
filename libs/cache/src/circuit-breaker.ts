export type CircuitState = 'closed' | 'open' | 'half-open';

/** `pass`: use Redis. `probe`: use Redis to recover first. `skip`: leave Redis alone. */
export type Admission = 'pass' | 'probe' | 'skip';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  readonly failureThreshold: number;
  /** How long an open circuit skips Redis before one caller may probe it. */
  readonly openMs: number;
  readonly now?: () => number;
}

/**
 * Closed → open after `failureThreshold` consecutive failures (or at once on `trip`); open →
 * half-open after `openMs`, when exactly one caller is admitted as the probe; the probe's outcome
 * closes it or opens it again. Only a probe closes the circuit: a command that was admitted
 * before the circuit opened and succeeds afterwards does not, so every reopening of Redis goes
 * through the caller's recovery step.
 */
export class CircuitBreaker {
  #state: CircuitState = 'closed';
  #failures = 0;
  #openedAt = 0;
  readonly #now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.#now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    return this.#state;
  }

  admit(): Admission {
    if (this.#state === 'closed') return 'pass';
    if (this.#state === 'half-open' || this.msUntilProbe() > 0) return 'skip';
    this.#state = 'half-open';
    return 'probe';
  }

  /** Milliseconds until an open circuit admits a probe; 0 when it would now. */
  msUntilProbe(): number {
    return Math.max(0, this.#openedAt + this.options.openMs - this.#now());
  }

  succeeded(): void {
    if (this.#state === 'closed') this.#failures = 0;
  }

  /** Returns true when this failure opened the circuit. */
  failed(): boolean {
    if (this.#state !== 'closed') return false;
    this.#failures += 1;
    if (this.#failures < this.options.failureThreshold) return false;
    this.trip();
    return true;
  }

  probeSucceeded(): void {
    if (this.#state !== 'half-open') return;
    this.#state = 'closed';
    this.#failures = 0;
  }

  probeFailed(): void {
    this.trip();
  }

  /**
   * Opens the circuit now (a probe in flight can then no longer close it). An open circuit stays
   * as it is, so repeated trips while Redis is away do not postpone the next probe.
   */
  trip(): void {
    if (this.#state === 'open') return;
    this.#state = 'open';
    this.#openedAt = this.#now();
  }
}
