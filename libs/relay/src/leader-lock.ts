import { type Pool, type PoolClient } from 'pg';

/**
 * Leadership through a session-level Postgres advisory lock held on a dedicated connection.
 * When the leader's process dies its connection closes, Postgres releases the lock, and a
 * standby's next attempt wins. The leader re-checks its connection before every batch so a
 * leader whose connection was cut stops publishing instead of competing with the new one.
 */
export class LeaderLock {
  private client: PoolClient | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly name: string,
  ) {}

  get held(): boolean {
    return this.client !== undefined;
  }

  async tryAcquire(): Promise<boolean> {
    if (this.client) return true;
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<{ acquired: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS acquired',
        [this.name],
      );
      if (rows[0]?.acquired) {
        client.on('error', () => this.lose(client));
        this.client = client;
        return true;
      }
      client.release();
      return false;
    } catch (error) {
      client.release(true);
      throw error;
    }
  }

  /** True when this process still holds the lock; false (and leadership given up) otherwise. */
  async confirm(): Promise<boolean> {
    const client = this.client;
    if (!client) return false;
    try {
      await client.query('SELECT 1');
      return true;
    } catch {
      this.lose(client);
      return false;
    }
  }

  async release(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    try {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [this.name]);
      client.release();
    } catch {
      client.release(true);
    }
  }

  private lose(client: PoolClient): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.release(true);
  }
}
