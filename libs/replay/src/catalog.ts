import { type Checkpoint } from '@ledgerline/event-store';
import { type Pool, type PoolClient } from 'pg';
import { type CopyTarget } from './view';

export type CopyStatus = 'filling' | 'live' | 'old';

/** One copy of a view. `checkpoint`: a filling or old copy holds exactly the events up to it. */
export interface CopyRow {
  readonly projection: string;
  readonly generation: number;
  readonly status: CopyStatus;
  readonly target: CopyTarget;
  readonly checkpoint: Checkpoint | null;
  readonly events: number;
  readonly createdAt: Date;
  readonly switchedAt: Date | null;
}

type Queryable = Pool | PoolClient;

/**
 * The copies of every view in a runtime schema (`replay_copies`): the live one, the one a rebuild
 * is filling (its checkpoint is the rebuild's resume point, moved in the same transaction as the
 * rows it covers) and the old ones kept for rollback.
 */
export class CopyCatalog {
  private readonly table: string;

  constructor(readonly schema: string) {
    this.table = `"${schema}".replay_copies`;
  }

  async ensure(pool: Pool): Promise<void> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`replay:${this.schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          projection text NOT NULL,
          generation int NOT NULL,
          status text NOT NULL CHECK (status IN ('filling', 'live', 'old')),
          target jsonb NOT NULL,
          checkpoint_transaction_id xid8,
          checkpoint_position bigint,
          events bigint NOT NULL DEFAULT 0,
          created_at timestamptz NOT NULL DEFAULT now(),
          switched_at timestamptz,
          PRIMARY KEY (projection, generation));
        CREATE UNIQUE INDEX IF NOT EXISTS replay_copies_one_live
          ON ${this.table} (projection) WHERE status = 'live';
        CREATE UNIQUE INDEX IF NOT EXISTS replay_copies_one_filling
          ON ${this.table} (projection) WHERE status = 'filling';`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async list(db: Queryable, projection: string): Promise<CopyRow[]> {
    const { rows } = await db.query<{
      projection: string;
      generation: number;
      status: CopyStatus;
      target: CopyTarget;
      checkpoint_transaction_id: string | null;
      checkpoint_position: string | null;
      events: string;
      created_at: Date;
      switched_at: Date | null;
    }>(
      `SELECT projection, generation, status, target, checkpoint_transaction_id::text,
              checkpoint_position, events, created_at, switched_at
         FROM ${this.table} WHERE projection = $1 ORDER BY generation`,
      [projection],
    );
    return rows.map((row) => ({
      projection: row.projection,
      generation: row.generation,
      status: row.status,
      target: row.target,
      checkpoint:
        row.checkpoint_transaction_id === null
          ? null
          : {
              transactionId: row.checkpoint_transaction_id,
              position: Number(row.checkpoint_position),
            },
      events: Number(row.events),
      createdAt: row.created_at,
      switchedAt: row.switched_at,
    }));
  }

  async insert(
    db: Queryable,
    copy: Pick<CopyRow, 'projection' | 'generation' | 'status' | 'target' | 'checkpoint'>,
  ): Promise<void> {
    await db.query(
      `INSERT INTO ${this.table} (projection, generation, status, target,
         checkpoint_transaction_id, checkpoint_position)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        copy.projection,
        copy.generation,
        copy.status,
        JSON.stringify(copy.target),
        copy.checkpoint?.transactionId ?? null,
        copy.checkpoint?.position ?? null,
      ],
    );
  }

  /** Moves a copy's checkpoint; call in the transaction that wrote the events it covers. */
  async advance(
    db: Queryable,
    projection: string,
    generation: number,
    checkpoint: Checkpoint,
    events: number,
  ): Promise<void> {
    await db.query(
      `UPDATE ${this.table}
          SET checkpoint_transaction_id = $3::xid8, checkpoint_position = $4, events = events + $5
        WHERE projection = $1 AND generation = $2`,
      [projection, generation, checkpoint.transactionId, checkpoint.position, events],
    );
  }

  /** The switch's bookkeeping: `promoted` becomes live, `demoted` old, holding up to `checkpoint`. */
  async swap(
    db: Queryable,
    projection: string,
    demoted: { generation: number; target: CopyTarget },
    promoted: { generation: number; target: CopyTarget },
    checkpoint: Checkpoint,
  ): Promise<void> {
    await db.query(
      `UPDATE ${this.table}
          SET status = 'old', target = $3, checkpoint_transaction_id = $4::xid8,
              checkpoint_position = $5, switched_at = now()
        WHERE projection = $1 AND generation = $2`,
      [
        projection,
        demoted.generation,
        JSON.stringify(demoted.target),
        checkpoint.transactionId,
        checkpoint.position,
      ],
    );
    await db.query(
      `UPDATE ${this.table}
          SET status = 'live', target = $3, checkpoint_transaction_id = NULL,
              checkpoint_position = NULL, switched_at = now()
        WHERE projection = $1 AND generation = $2`,
      [projection, promoted.generation, JSON.stringify(promoted.target)],
    );
  }

  async remove(db: Queryable, projection: string, generation: number): Promise<void> {
    await db.query(`DELETE FROM ${this.table} WHERE projection = $1 AND generation = $2`, [
      projection,
      generation,
    ]);
  }
}
