import * as grpc from '@grpc/grpc-js';
import { type RpcError, unary, unaryHandlers } from '@ledgerline/grpc';
import { loadPackage, type platformV1 } from '@ledgerline/proto';
import { eventually, isolatedPostgres, uniqueName } from '@ledgerline/testing';
import { type Pool } from 'pg';
import { callBoundPool, callScopedHandlers, queryWithin, runInCallScope } from './call-scope';
import { consistencyErrorMapper, QueryDeadlineExceeded } from './errors';

const silentLogger = { warn: () => undefined, error: () => undefined } as never;

describe('queries bounded by the call', () => {
  let pg: Awaited<ReturnType<typeof isolatedPostgres>>;
  beforeAll(async () => {
    pg = await isolatedPostgres('call_scope');
  });
  afterAll(() => pg.drop());

  /** A statement that would run 5 s, tagged so pg_stat_activity can find it. */
  const sleeper = () => {
    const tag = uniqueName('sleep');
    return { tag, text: `SELECT pg_sleep(5) /* ${tag} */` };
  };
  /** Resolves once no backend runs the tagged statement any more: the server stopped it. */
  const serverStopped = (pool: Pool, tag: string) =>
    eventually(
      async () => {
        const { rows } = await pool.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE state = 'active' AND query LIKE $1 AND pid <> pg_backend_pid()`,
          [`%${tag}%`],
        );
        expect(rows[0]).toEqual({ n: 0 });
      },
      { timeoutMs: 1_000 },
    );
  const outcome = (work: Promise<unknown>) =>
    work.then(
      () => 'finished',
      (error: unknown) => error,
    );

  it('cuts a slow statement at the deadline, on the server too', async () => {
    const { tag, text } = sleeper();
    const started = performance.now();

    const result = await outcome(
      queryWithin(pg.pool, { deadline: new Date(Date.now() + 200) }, [text]),
    );

    expect(result).toBeInstanceOf(QueryDeadlineExceeded);
    expect(performance.now() - started).toBeLessThan(300);
    await serverStopped(pg.pool, tag);
  });

  it('cuts a slow statement when the call is cancelled', async () => {
    const { tag, text } = sleeper();
    const cancelled = new AbortController();
    setTimeout(() => cancelled.abort(), 100);

    const result = await outcome(queryWithin(pg.pool, { signal: cancelled.signal }, [text]));

    expect(result).toBeInstanceOf(QueryDeadlineExceeded);
    await serverStopped(pg.pool, tag);
  });

  it('leaves queries alone outside a call, and fast ones inside', async () => {
    const bounded = callBoundPool(pg.pool);

    const outside = await bounded.query<{ one: number }>('SELECT 1 AS one');
    const inside = await runInCallScope({ deadline: new Date(Date.now() + 1_000) }, () =>
      bounded.query<{ one: number }>('SELECT $1::int AS one', [1]),
    );

    expect(outside.rows).toEqual([{ one: 1 }]);
    expect(inside.rows).toEqual([{ one: 1 }]);
  });

  it('answers DEADLINE_EXCEEDED over gRPC within the deadline while the server stops the statement', async () => {
    const { tag, text } = sleeper();
    const bounded = callBoundPool(pg.pool);
    const { ProbeService } = loadPackage(['ledgerline/platform/v1/probe.proto']).ledgerline.platform
      .v1;
    const handlers = callScopedHandlers(
      unaryHandlers({ logger: silentLogger, errorMappers: [consistencyErrorMapper] }),
    );
    const echo = handlers<platformV1.EchoRequest__Output, platformV1.EchoResponse>(async () => {
      await bounded.query(text);
      return { message: 'slept' };
    });
    const server = new grpc.Server();
    server.addService(ProbeService.service, { Echo: echo });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    const client = new ProbeService(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    try {
      const started = performance.now();
      const result = await outcome(unary(client, 'Echo', {}, { deadlineMs: 200 }));

      expect(grpc.status[(result as RpcError).code]).toBe('DEADLINE_EXCEEDED');
      expect(performance.now() - started).toBeLessThan(300);
      await serverStopped(pg.pool, tag);
    } finally {
      client.close();
      server.forceShutdown();
    }
  });

  it('maps a query cut at the deadline to DEADLINE_EXCEEDED', () => {
    expect(consistencyErrorMapper(new QueryDeadlineExceeded())).toMatchObject({
      code: grpc.status.DEADLINE_EXCEEDED,
    });
  });
});
