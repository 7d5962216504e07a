// Append throughput with personal fields sealed against the same store storing them in plaintext,
// side by side in one run on the real Postgres: `npm run bench -- append-encryption [--seconds 5]`.
//
// Each case runs `seconds` (default 5, env BENCH_SECONDS or --seconds), split into 4 slices that
// alternate plaintext and sealed, so background load hits both alike. The event is the append
// benchmark's deposit (libs/event-store/bench/append.bench.ts) with one personal field
// (`reference`), sealed under its owner's data key (one owner per writer, as one customer writes
// many events); key creation and the stream's subject row happen once per writer.
import { emitResult, figure, type Figure } from '@ledgerline/bench';
import { privacyCatalog, type DomainEvent } from '@ledgerline/domain';
import { migrate, type NewEvent, PostgresEventStore } from '@ledgerline/event-store';
import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { personalDataCodec } from '../src/codec';
import { postgresKeyring } from '../src/keyring';
import { inMemoryKek } from '../src/kms';

const argSeconds = process.argv.indexOf('--seconds');
const seconds = Number(
  argSeconds >= 0 ? process.argv[argSeconds + 1] : (process.env['BENCH_SECONDS'] ?? 5),
);
const postgresUrl = process.env['POSTGRES_URL'];
if (!postgresUrl) throw new Error('append-encryption.bench: POSTGRES_URL is not set');
if (!(seconds > 0)) throw new Error('append-encryption.bench: --seconds must be positive');

const schema = `bench_${Date.now().toString(36)}`;

const payload = (ownerId: string) => ({
  accountId: randomUUID(),
  ownerId,
  amountMinor: 125_000,
  currency: 'EUR',
  reference: 'invoice 2026-000123 / monthly settlement',
});

type Deposited = DomainEvent<'FundsDeposited', ReturnType<typeof payload>>;

interface Outcome {
  operations: number;
  elapsedMs: number;
  clientCpuMs: number;
}

/** Runs `clients` loops of `operation` for `ms`; counts completed operations. */
const closedLoop = async (
  clients: number,
  ms: number,
  operation: (client: number) => Promise<void>,
): Promise<Outcome> => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let operations = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < started + ms) {
        await operation(client);
        operations++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return {
    operations,
    elapsedMs: performance.now() - started,
    clientCpuMs: (used.user + used.system) / 1000,
  };
};

const ROUNDS = 4;
const alternate = async (
  clients: number,
  off: (client: number) => Promise<void>,
  on: (client: number) => Promise<void>,
) => {
  const total = {
    off: { operations: 0, elapsedMs: 0, clientCpuMs: 0 },
    on: { operations: 0, elapsedMs: 0, clientCpuMs: 0 },
  };
  const slice = (seconds * 1000) / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    for (const [which, operation] of [
      ['off', off],
      ['on', on],
    ] as const) {
      const o = await closedLoop(clients, slice, operation);
      total[which].operations += o.operations;
      total[which].elapsedMs += o.elapsedMs;
      total[which].clientCpuMs += o.clientCpuMs;
    }
  }
  return total;
};

const main = async (): Promise<void> => {
  const startedAt = new Date().toISOString();
  const pool = new Pool({ connectionString: postgresUrl, max: 34 });
  await migrate(pool, { schema });
  const catalog = privacyCatalog<Deposited>({
    FundsDeposited: {
      subject: (data) => data.ownerId,
      fields: { accountId: 'safe', ownerId: 'safe', currency: 'safe', reference: 'personal' },
    },
  });
  const keyring = postgresKeyring({ pool, schema, kek: inMemoryKek(randomBytes(32)) });
  const plain = new PostgresEventStore({ pool, schema });
  const sealed = new PostgresEventStore({
    pool,
    schema,
    codec: personalDataCodec({ keyring, catalog }),
  });
  await Promise.all(Array.from({ length: 34 }, () => pool.query('SELECT 1')));

  let run = 0;
  const loop = (store: PostgresEventStore, batch: number) => {
    const prefix = `bench-${run++}x`;
    const versions = new Map<number, number>();
    return async (client: number): Promise<void> => {
      const events: NewEvent[] = Array.from({ length: batch }, () => ({
        type: 'FundsDeposited',
        data: payload(`owner-${run}-${client}`),
      }));
      const result = await store.append(`${prefix}${client}`, events, {
        expectedVersion: versions.get(client) ?? 0,
        metadata: { actor: 'bench', correlationId: 'bench-run' },
      });
      versions.set(client, result.nextVersion);
    };
  };

  const perSecond = (o: Outcome, rows: number) => (o.operations * rows * 1000) / o.elapsedMs;
  const cpu = (o: Outcome) => `${((o.clientCpuMs * 1000) / o.operations).toFixed(0)} µs`;
  const lines: string[] = [];
  const figures: Figure[] = [];
  for (const [batch, clients] of [
    [1, 1],
    [1, 8],
    [1, 32],
    [100, 1],
    [100, 8],
  ] as const) {
    const o = await alternate(clients, loop(plain, batch), loop(sealed, batch));
    const on = perSecond(o.on, batch);
    const off = perSecond(o.off, batch);
    const name = batch === 1 ? '1 event per append' : `batch of ${batch} per append`;
    const cost = `${((1 - on / off) * 100).toFixed(1)}%`;
    const line = `| ${name} | ${clients} | ${on.toFixed(0)} | ${off.toFixed(0)} | **${cost}** | ${cpu(o.on)} / ${cpu(o.off)} |`;
    lines.push(line);
    console.error(line);
    const key = `batch${batch}.writers${clients}`;
    figures.push(
      figure(`${key}.on`, `${name}, ${clients} writers, encrypted`, on, 'rows/s'),
      figure(`${key}.off`, `${name}, ${clients} writers, plaintext`, off, 'rows/s'),
      figure(
        `${key}.cost`,
        `${name}, ${clients} writers, cost of encryption`,
        (1 - on / off) * 100,
        '%',
        {
          op: '<=',
          limit: 15,
        },
      ),
    );
  }
  console.log(
    `\n### Append, personal fields encrypted vs plaintext (${seconds} s per case, ${new Date().toISOString()})\n`,
  );
  console.log(
    '| case | writers | encryption on rows/s | encryption off rows/s | cost | Node CPU per op (on / off) |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const line of lines) console.log(line);
  emitResult({
    name: 'append-encryption',
    startedAt,
    parameters: { seconds },
    figures,
    curves: [],
  });
  await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
  await pool.end();
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
