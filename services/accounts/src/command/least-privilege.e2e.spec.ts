import { eventually, poolAsRole } from '@ledgerline/testing';
import { DatabaseError, type Pool } from 'pg';
import {
  type AccountsService,
  openAccount,
  startAccountsService,
} from '../fixtures/accounts-service';

// The accounts service as the platform runs it (ADR 0028): its schema migrated and granted by
// the owner, the service itself (commands, relay, key pruning) connected as ledgerline_accounts.

let service: AccountsService;
let payments: Pool;

beforeAll(async () => {
  service = await startAccountsService({}, { role: 'ledgerline_accounts' });
  payments = await poolAsRole('ledgerline_payments', 1);
});
afterAll(async () => {
  await payments?.end();
  await service?.stop();
});

const failsWith = async (pool: Pool, sql: string): Promise<string> => {
  try {
    await pool.query(sql);
  } catch (error) {
    if (error instanceof DatabaseError) return error.code ?? 'no code';
    throw error;
  }
  return 'ok';
};

describe('the accounts service under its own PostgreSQL role', () => {
  it('connects as ledgerline_accounts', async () => {
    const { rows } = await service.pool.query<{ role: string }>('SELECT current_user AS role');

    expect(rows[0]?.role).toBe('ledgerline_accounts');
  });

  it('handles commands, and its relay publishes and moves its checkpoint', async () => {
    const { streamId } = await openAccount(service.client, { balance: 250 });
    const recorded = await service.store.readStream(streamId);
    const last = recorded.at(-1)!;

    expect(recorded.map((e) => e.type)).toEqual(['AccountOpened', 'FundsDeposited']);
    const checkpoint = await eventually(async () => {
      const { rows } = await service.pool.query<{ position: string }>(
        `SELECT position FROM "${service.schema}".relay_checkpoints`,
      );
      const position = Math.max(0, ...rows.map((r) => Number(r.position)));
      if (position < last.globalPosition) throw new Error(`relay at ${position}`);
      return position;
    });
    expect(checkpoint).toBeGreaterThanOrEqual(last.globalPosition);
  });

  it('prunes idempotency keys', async () => {
    await expect(service.pruner.runOnce()).resolves.toEqual({
      clientKeys: expect.any(Number) as number,
      sagaKeys: expect.any(Number) as number,
    });
  });

  it('may not rewrite history, nor change its schema', async () => {
    const s = `"${service.schema}"`;

    expect(await failsWith(service.pool, `UPDATE ${s}.events SET data = '{}'`)).toBe('42501');
    expect(await failsWith(service.pool, `DELETE FROM ${s}.events`)).toBe('42501');
    expect(await failsWith(service.pool, `CREATE TABLE ${s}.mine (id int)`)).toBe('42501');
    expect(await failsWith(service.pool, `DROP TABLE ${s}.snapshots`)).toBe('42501');
  });

  it("is out of another context's service's reach", async () => {
    expect(await failsWith(payments, `SELECT count(*) FROM "${service.schema}".events`)).toBe(
      '42501',
    );
  });
});
