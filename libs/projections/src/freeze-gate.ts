import { type PoolClient } from 'pg';

// Two-key advisory locks: this class id keeps the gate apart from every other user's locks.
const GATE_CLASS = 7_016;

const gateKey = (schema: string, projection: string) => `${schema}.${projection}`;

/**
 * The gate between an Elasticsearch projector's batches and a rebuild's or reset's freeze of the
 * live copy (ADR 0017). A batch writes to Elasticsearch before it takes any row lock, so the
 * freeze's row locks alone would not keep its writes out of a frozen copy: each batch holds this
 * gate shared (a session-level advisory lock, which takes no transaction id and so never holds
 * back the event store's horizon) from its first read to its commit, and the freeze takes it
 * exclusively in its transaction, waiting for the batch in progress and holding off the next.
 */
export const enterBatchGate = async (
  client: PoolClient,
  schema: string,
  projection: string,
): Promise<void> => {
  await client.query(`SELECT pg_advisory_lock_shared($1, hashtext($2))`, [
    GATE_CLASS,
    gateKey(schema, projection),
  ]);
};

export const leaveBatchGate = async (
  client: PoolClient,
  schema: string,
  projection: string,
): Promise<void> => {
  await client.query(`SELECT pg_advisory_unlock_shared($1, hashtext($2))`, [
    GATE_CLASS,
    gateKey(schema, projection),
  ]);
};

/**
 * Closes the gate for the rest of the caller's transaction (the freeze): waits for the batch in
 * progress to commit; later batches wait until the transaction ends.
 */
export const closeBatchGate = async (
  client: PoolClient,
  schema: string,
  projection: string,
): Promise<void> => {
  await client.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [
    GATE_CLASS,
    gateKey(schema, projection),
  ]);
};
