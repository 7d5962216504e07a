/** Stream category of accounts: one stream per account, named `account-<accountId>`. */
export const ACCOUNT_STREAM_CATEGORY = 'account';

/**
 * Pass the id as `parseId` normalises it (lower-case UUID, upper-case ULID), the form the decider
 * records, so one account never ends up with two streams.
 */
export const accountStreamId = (accountId: string): string =>
  `${ACCOUNT_STREAM_CATEGORY}-${accountId}`;

/** The account id of an `account-…` stream, or null for a stream of another category. */
export const accountIdFromStreamId = (streamId: string): string | null =>
  streamId.startsWith(`${ACCOUNT_STREAM_CATEGORY}-`)
    ? streamId.slice(ACCOUNT_STREAM_CATEGORY.length + 1)
    : null;
