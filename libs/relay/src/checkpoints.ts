import { type Checkpoint, maySetUpSchema, START } from '@ledgerline/event-store';
import { type Pool } from 'pg';

/** Where each relay stands in the global log, kept beside the events it publishes. */
export class RelayCheckpoints {
  private readonly table: string;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {
    this.table = `"${schema}".relay_checkpoints`;
  }

  /**
   * Creates the table once; serialised because CREATE TABLE IF NOT EXISTS races with itself. The
   * event store's migration 6 creates it too; a service role, which may not create tables, finds
   * it there.
   */
  async ensureTable(): Promise<void> {
    if (!(await maySetUpSchema(this.pool, this.schema))) return;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `ledgerline-relay-checkpoints:${this.table}`,
      ]);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${this.table} (
           relay text PRIMARY KEY,
           transaction_id xid8 NOT NULL,
           position bigint NOT NULL,
           updated_at timestamptz NOT NULL DEFAULT now())`,
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async load(relay: string): Promise<Checkpoint> {
    const { rows } = await this.pool.query<{ transaction_id: string; position: string }>(
      `SELECT transaction_id::text, position FROM ${this.table} WHERE relay = $1`,
      [relay],
    );
    const row = rows[0];
    return row ? { transactionId: row.transaction_id, position: Number(row.position) } : START;
  }

  async save(relay: string, checkpoint: Checkpoint): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.table} (relay, transaction_id, position) VALUES ($1, $2::xid8, $3)
       ON CONFLICT (relay) DO UPDATE SET transaction_id = EXCLUDED.transaction_id,
         position = EXCLUDED.position, updated_at = now()`,
      [relay, checkpoint.transactionId, checkpoint.position],
    );
  }
}
