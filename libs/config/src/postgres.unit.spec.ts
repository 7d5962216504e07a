import { loadConfig } from './load-config';
import { DEFAULT_POOL_SIZES, platformConnectionBudget, postgresPoolSettings } from './postgres';

// PostgreSQL's defaults: what a developer's server and CI's server give the platform.
const MAX_CONNECTIONS = 100;
const SUPERUSER_RESERVED = 3;

describe('the platform connection budget', () => {
  it('leaves at least 40 connections for tests, operators and a second replica', () => {
    const total = platformConnectionBudget().reduce((sum, p) => sum + p.poolSize, 0);

    expect(total).toBeLessThanOrEqual(MAX_CONNECTIONS - SUPERUSER_RESERVED - 40);
  });

  it('gives a command service room for its relay (2 held while leading) and commands', () => {
    expect(DEFAULT_POOL_SIZES.commandService).toBeGreaterThanOrEqual(2 + 4);
  });

  it('counts all seven services and the CLI once', () => {
    expect(platformConnectionBudget().map((p) => p.process)).toEqual([
      'accounts',
      'payments',
      'orders',
      'accounts-query',
      'payments-query',
      'orders-query',
      'checkout',
      'platform-cli',
    ]);
  });
});

describe('postgresPoolSettings', () => {
  it('applies the given defaults and a 30 s statement timeout', () => {
    expect(loadConfig(postgresPoolSettings({ poolSize: 7 }), {})).toEqual({
      PG_POOL_SIZE: 7,
      PG_IDLE_TIMEOUT_MS: 10_000,
      PG_CONNECT_TIMEOUT_MS: 5_000,
      PG_STATEMENT_TIMEOUT_MS: 30_000,
      PG_POOL_STRICT: false,
      PG_APPLICATION_NAME: '',
    });
  });

  it('takes 0 as no statement timeout and refuses a pool of one', () => {
    const spec = postgresPoolSettings({ poolSize: 7 });

    expect(loadConfig(spec, { PG_STATEMENT_TIMEOUT_MS: '0' }).PG_STATEMENT_TIMEOUT_MS).toBe(0);
    expect(() => loadConfig(spec, { PG_POOL_SIZE: '1' })).toThrow(
      'config: PG_POOL_SIZE must be >= 2, got 1',
    );
  });
});
