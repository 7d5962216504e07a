import { InvalidInput } from '@ledgerline/domain';
import { type Checkpoint, START } from '@ledgerline/event-store';
import { type Pool } from 'pg';

/** A point of the accounts store's order, as an operator names it. */
export type LedgerTarget =
  /** The store's global position of an event: that event and everything before it. */
  | { readonly kind: 'position'; readonly position: number }
  | { readonly kind: 'checkpoint'; readonly checkpoint: Checkpoint }
  /** The events recorded before this instant. */
  | { readonly kind: 'time'; readonly at: Date };

/** Where `ledger verify --at` folds to: a prefix of the accounts store's order. */
export interface LedgerPoint {
  readonly checkpoint: Checkpoint;
  /** The operator's words for it, or `head` when verifying the present. */
  readonly described: string;
}

/**
 * The checkpoint of the last account event at or before the point (START when none): the
 * same prefix `projections reset` keeps, so both commands mean one thing by a point.
 */
export const resolvePoint = async (
  pool: Pool,
  source: { schema: string; categories: readonly string[] },
  target: LedgerTarget,
): Promise<LedgerPoint> => {
  const events = `"${source.schema}".events`;
  const at = async (sql: string, params: unknown[], described: string) => {
    const { rows } = await pool.query<{ transaction_id: string; position: string }>(sql, params);
    const row = rows[0];
    const checkpoint = row
      ? { transactionId: row.transaction_id, position: Number(row.position) }
      : START;
    return { checkpoint, described };
  };
  switch (target.kind) {
    case 'checkpoint':
      return {
        checkpoint: target.checkpoint,
        described: `checkpoint ${target.checkpoint.transactionId}/${target.checkpoint.position}`,
      };
    case 'position': {
      const { rows } = await pool.query<{ transaction_id: string }>(
        `SELECT transaction_id::text FROM ${events} WHERE global_position = $1`,
        [target.position],
      );
      if (!rows[0])
        throw new InvalidInput('at', `there is no event at global position ${target.position}`);
      return {
        checkpoint: { transactionId: rows[0].transaction_id, position: target.position },
        described: `global position ${target.position}`,
      };
    }
    case 'time':
      // The events before the first account event recorded at or after the instant.
      return at(
        `WITH first AS (
           SELECT transaction_id, global_position FROM ${events}
            WHERE stream_category = ANY($1::text[]) AND recorded_at >= $2
            ORDER BY transaction_id, global_position LIMIT 1)
         SELECT e.transaction_id::text, e.global_position AS position
           FROM ${events} e LEFT JOIN first f ON true
          WHERE e.stream_category = ANY($1::text[])
            AND (f.transaction_id IS NULL
                 OR (e.transaction_id, e.global_position) < (f.transaction_id, f.global_position))
          ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`,
        [source.categories, target.at],
        target.at.toISOString(),
      );
    default:
      return assertNever(target);
  }
};

const assertNever = (value: never): never => {
  throw new Error(`unhandled point ${JSON.stringify(value)}`);
};

/**
 * A point as an API caller writes it: a global position, `<transaction id>/<position>` or an
 * RFC 3339 time (the forms `platform ledger verify --at` takes).
 */
export const parseLedgerTarget = (text: string): LedgerTarget => {
  const value = text.trim();
  if (/^\d{1,15}$/.test(value)) return { kind: 'position', position: Number(value) };
  const checkpoint = /^(\d{1,20})\/(\d{1,15})$/.exec(value);
  if (checkpoint)
    return {
      kind: 'checkpoint',
      checkpoint: { transactionId: checkpoint[1]!, position: Number(checkpoint[2]) },
    };
  const at = new Date(value);
  if (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(at.getTime())
  )
    return { kind: 'time', at };
  throw new InvalidInput(
    'at',
    'must be a global position, <transaction id>/<position> or an RFC 3339 time',
  );
};
