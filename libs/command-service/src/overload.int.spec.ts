import * as grpc from '@grpc/grpc-js';
import { type Decider } from '@ledgerline/domain';
import { DeadlineExceeded, migrate, PostgresEventStore } from '@ledgerline/event-store';
import { callDeadline, type RpcError, unary, unaryHandler } from '@ledgerline/grpc';
import { loadPackage, type platformV1 } from '@ledgerline/proto';
import { isolatedPostgres } from '@ledgerline/testing';
import { CommandQueueFull } from './keyed-mutex';
import { limitCommandQueues, runCommand } from './run-command';

type Add = { type: 'Add'; data: { amount: number } };
type Added = { type: 'Added'; data: { amount: number } };
const counter: Decider<Add, number, Added> = {
  initialState: 0,
  decide: (command) => [{ type: 'Added', data: { amount: command.data.amount } }],
  evolve: (total, event) => total + event.data.amount,
};
const add = (amount: number): Add => ({ type: 'Add', data: { amount } });
const silentLogger = { warn: () => undefined, error: () => undefined } as never;

describe('runCommand under overload', () => {
  let pg: Awaited<ReturnType<typeof isolatedPostgres>>;
  let store: PostgresEventStore;
  beforeAll(async () => {
    pg = await isolatedPostgres('run_overload');
    await migrate(pg.pool, { schema: pg.schema });
    store = new PostgresEventStore({ pool: pg.pool, schema: pg.schema });
  });
  afterAll(() => pg.drop());

  /** Holds the events table in another session, so appends wait until `release`. */
  const blockAppends = async () => {
    const blocker = await pg.pool.connect();
    await blocker.query(`BEGIN; LOCK TABLE "${pg.schema}".events IN ACCESS EXCLUSIVE MODE`);
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      await blocker.query('ROLLBACK');
      blocker.release();
    };
  };
  const run = (on: PostgresEventStore, streamId: string, deadline?: Date) =>
    runCommand({
      store: on,
      decider: counter,
      streamId,
      command: add(1),
      metadata: new grpc.Metadata(),
      ...(deadline && { deadline }),
    });

  /** A real gRPC server whose Echo runs a command on stream `message` with the call's deadline. */
  const startCommandServer = async () => {
    const { ProbeService } = loadPackage(['ledgerline/platform/v1/probe.proto']).ledgerline.platform
      .v1;
    const counts = { reached: 0 };
    const echo = unaryHandler<platformV1.EchoRequest__Output, platformV1.EchoResponse>(
      async ({ message }, call) => {
        counts.reached += 1;
        await run(store, message, callDeadline(call));
        return { message };
      },
      { logger: silentLogger },
    );
    const server = new grpc.Server();
    server.addService(ProbeService.service, { Echo: echo });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    const client = new ProbeService(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const send = (message: string, deadlineMs: number) =>
      unary(client, 'Echo', { message }, { deadlineMs }).then(
        () => 'answered',
        (error: RpcError) => grpc.status[error.code],
      );
    const stop = () => {
      client.close();
      server.forceShutdown();
    };
    return { counts, send, stop };
  };

  it('never appends a command sent over gRPC with a 1 ms deadline', async () => {
    const wire = await startCommandServer();
    try {
      const streamIds = Array.from({ length: 20 }, (_, i) => `counter-wire${i}`);
      const outcomes = await Promise.all(streamIds.map((id) => wire.send(id, 1)));

      expect(new Set(outcomes)).toEqual(new Set(['DEADLINE_EXCEEDED']));
      // Whatever reached the handler had time to finish: still nothing was written.
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const streamId of streamIds) expect(await store.readStream(streamId)).toEqual([]);
    } finally {
      wire.stop();
    }
  });

  it('cancels over gRPC an append still waiting when the deadline passes', async () => {
    const wire = await startCommandServer();
    const release = await blockAppends();
    try {
      const outcome = await wire.send('counter-slow', 150);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await release();

      expect(outcome).toBe('DEADLINE_EXCEEDED');
      expect(wire.counts.reached).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await store.readStream('counter-slow')).toEqual([]);
    } finally {
      await release();
      wire.stop();
    }
  });

  it('never appends a command whose deadline passed while it waited behind a slow one', async () => {
    const release = await blockAppends();
    const slow = run(store, 'counter-queue');
    const late = run(store, 'counter-queue', new Date(Date.now() + 100)).then(
      () => 'appended',
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await release();

    await slow;
    expect(await late).toBeInstanceOf(DeadlineExceeded);
    expect(await store.readStream('counter-queue')).toHaveLength(1);
  });

  it('refuses a command beyond the per-stream queue cap at once', async () => {
    const capped = new PostgresEventStore({ pool: pg.pool, schema: pg.schema });
    limitCommandQueues(capped, 1);
    const release = await blockAppends();
    try {
      const running = run(capped, 'counter-cap');
      const waiting = run(capped, 'counter-cap');
      const started = performance.now();
      const refused = await run(capped, 'counter-cap').then(
        () => 'accepted',
        (error: unknown) => error,
      );

      expect(refused).toBeInstanceOf(CommandQueueFull);
      expect(performance.now() - started).toBeLessThan(50);
      await release();
      await Promise.all([running, waiting]);
    } finally {
      await release();
    }
    expect(await capped.readStream('counter-cap')).toHaveLength(2);
  });
});
