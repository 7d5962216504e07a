import { maySetUpSchema } from '@ledgerline/event-store';
import { type Pool } from 'pg';

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

/** Quoted, validated table names of a saga schema. */
export const sagaTables = (schema: string) => {
  if (!identifier.test(schema)) throw new Error(`sagas: invalid schema name "${schema}"`);
  const t = (name: string) => `"${schema}"."${name}"`;
  return {
    instances: t('saga_instances'),
    history: t('saga_history'),
    commands: t('saga_commands'),
    deadlines: t('saga_deadlines'),
    parked: t('saga_parked_inputs'),
  };
};

export type SagaTables = ReturnType<typeof sagaTables>;

/**
 * The runtime's tables. `saga_history` is each saga's own event log (every handled input with the
 * resulting status and commands) and its dedup record at once: the primary key on (saga id, input
 * id) makes a redelivered input a no-op inside the transaction that would have applied it.
 */
export const migrateSagas = async (pool: Pool, schema: string): Promise<void> => {
  const t = sagaTables(schema);
  // The checkout's own role may not change the schema: `platform db migrate` did, as its owner.
  if (!(await maySetUpSchema(pool, schema))) return;
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`ledgerline-sagas:${schema}`]);
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS "${schema}";
      CREATE TABLE IF NOT EXISTS ${t.instances} (
        saga_id    text PRIMARY KEY,
        saga_type  text NOT NULL,
        status     text NOT NULL,
        state      jsonb NOT NULL,
        version    integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX IF NOT EXISTS saga_instances_by_status ON ${t.instances} (saga_type, status, updated_at);
      CREATE TABLE IF NOT EXISTS ${t.history} (
        saga_id     text NOT NULL,
        input_id    text NOT NULL,
        version     integer NOT NULL,
        input       jsonb NOT NULL,
        status      text NOT NULL,
        commands    jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (saga_id, input_id)
      );
      CREATE TABLE IF NOT EXISTS ${t.commands} (
        saga_id         text NOT NULL,
        step            text NOT NULL,
        generation      integer NOT NULL DEFAULT 1,
        command         jsonb NOT NULL,
        idempotency_key text NOT NULL,
        compensation    boolean NOT NULL,
        status          text NOT NULL,
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error      text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (saga_id, step)
      );
      CREATE INDEX IF NOT EXISTS saga_commands_due ON ${t.commands} (next_attempt_at)
        WHERE status = 'pending';
      -- The send fence (docs/adr/0021): while a replica sends a command it holds it until
      -- in_flight_until (its own clock), and no other replica may supersede it meanwhile.
      ALTER TABLE ${t.commands} ADD COLUMN IF NOT EXISTS in_flight_until timestamptz;
      ALTER TABLE ${t.commands} ADD COLUMN IF NOT EXISTS in_flight_by text;
      CREATE TABLE IF NOT EXISTS ${t.deadlines} (
        saga_id text PRIMARY KEY,
        name    text NOT NULL,
        due_at  timestamptz NOT NULL
      );
      CREATE INDEX IF NOT EXISTS saga_deadlines_due ON ${t.deadlines} (due_at);
      -- Inputs the saga's own code could not handle (route or react threw): kept, not retried in
      -- a loop, and handled again when a runtime starts (a fixed release) or on an operator's word.
      CREATE TABLE IF NOT EXISTS ${t.parked} (
        saga_id   text NOT NULL,
        input_id  text NOT NULL,
        saga_type text NOT NULL,
        input     jsonb NOT NULL,
        starts    boolean NOT NULL,
        settles   jsonb,
        deadline_due_at timestamptz,
        error     text NOT NULL,
        attempts  integer NOT NULL DEFAULT 1,
        parked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (saga_id, input_id)
      );
    `);
  } finally {
    await client
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`ledgerline-sagas:${schema}`])
      .catch(() => undefined);
    client.release();
  }
};
