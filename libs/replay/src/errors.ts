/** Every failure an operator can act on; the CLI maps each kind to its own exit code. */
export class ReplayError extends Error {
  constructor(
    readonly kind:
      | 'unknown-projection'
      | 'locked'
      | 'verification-failed'
      | 'unappliable-event'
      | 'nothing-to-roll-back'
      /** A reset needs messages the broker no longer holds (retention deleted them). */
      | 'range-gone'
      /** The source holds sealed personal fields and the replay has no keyring to open them. */
      | 'sealed-without-keyring'
      | 'bad-input',
    message: string,
  ) {
    super(message);
    this.name = 'ReplayError';
  }
}
