import { int, loadConfig } from '@ledgerline/config';

const DAY_MS = 86_400_000;

/** The accounts service's own settings, beside those every command service shares. */
export const accountsSettings = {
  RESERVATION_TTL_MS: int({
    description: 'how long a reservation holds when its request names no ttl_ms',
    default: 7 * DAY_MS,
    min: 1_000,
    max: 366 * DAY_MS,
  }),
  RESERVATION_EXPIRY_INTERVAL_MS: int({
    description: 'pause between two rounds of releasing expired reservations',
    default: 5_000,
    min: 50,
    max: 3_600_000,
  }),
  RESERVATION_EXPIRY_BATCH: int({
    description: 'expired reservations released per round, one after the other',
    default: 100,
    min: 1,
    max: 10_000,
  }),
  ACCOUNT_SNAPSHOT_EVERY: int({
    description: "snapshot an account's state every this many events (0: never)",
    default: 200,
    min: 0,
    max: 1_000_000,
  }),
};

export const loadAccountsSettings = (
  env: Readonly<Record<string, string | undefined>> = process.env,
) => loadConfig(accountsSettings, env);

export type AccountsSettings = ReturnType<typeof loadAccountsSettings>;
