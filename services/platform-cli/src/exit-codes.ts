import { type ReplayError } from '@ledgerline/replay';

/** What `platform` exits with; scripts may rely on these (README, "The platform CLI"). */
export const EXIT = {
  ok: 0,
  /** Anything unexpected: the one-line message says what. */
  failed: 1,
  /** Unknown command or option, missing or malformed argument. */
  usage: 2,
  /** The projection, stream, copy or parked event named does not exist. */
  notFound: 3,
  /** Another rebuild of the projection holds its lock. */
  locked: 4,
  /** Verification found differences; nothing was switched. */
  verificationFailed: 5,
  /** An event cannot be applied by the projection; nothing was switched. */
  unappliable: 6,
  /** A server (PostgreSQL, Kafka, Elasticsearch) could not be reached. */
  unreachable: 7,
  /** A parked event failed again on redrive, or a stack script failed. */
  partial: 8,
  /** A reset needs messages the broker no longer holds; nothing was changed (rebuild instead). */
  rangeGone: 9,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const exitCodeOf = (kind: ReplayError['kind']): ExitCode => {
  switch (kind) {
    case 'unknown-projection':
    case 'nothing-to-roll-back':
      return EXIT.notFound;
    case 'locked':
      return EXIT.locked;
    case 'verification-failed':
      return EXIT.verificationFailed;
    case 'unappliable-event':
      return EXIT.unappliable;
    case 'bad-input':
      return EXIT.usage;
    case 'range-gone':
      return EXIT.rangeGone;
    case 'sealed-without-keyring':
      return EXIT.failed;
    default:
      return assertNever(kind);
  }
};

const assertNever = (value: never): never => {
  throw new Error(`unhandled ${String(value)}`);
};
