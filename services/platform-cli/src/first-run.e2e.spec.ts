import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, workspaceRoot } from '@ledgerline/testing';
import {
  isolatedPlatform,
  removeTestRoot,
  run,
  type SearchNode,
  SERVICES,
  type ServiceName,
  startSearchNode,
} from './fixtures/isolated-platform';
import { isRetryable, platformClients } from './fixtures/platform-clients';

// The README's first command on a brand-new broker, as a newcomer runs it, and `up` in the
// foreground keeping the platform running while its services are killed one by one.

const upScript = join(workspaceRoot, 'deploy/local/up.sh');
let search: SearchNode;

beforeAll(async () => {
  search = await startSearchNode();
}, 240_000);
afterAll(async () => {
  await search?.stop();
  removeTestRoot();
}, 120_000);

const alive = (pid: number | undefined) => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the first `up --detach` on a brand-new broker', () => {
  it.each([1, 2, 3])(
    'run %i: starts every service and a checkout completes end to end',
    async () => {
      const platform = await isolatedPlatform(search);
      const clients = platformClients(platform);
      try {
        const started = Date.now();
        const output = await run('bash', [upScript, '--detach'], platform.env, 400_000);
        const upSeconds = (Date.now() - started) / 1_000;
        // A new broker: the stack formatted an empty data dir and started its own Kafka.
        expect(output).toMatch(/kafka: formatting KRaft storage/);
        expect(output).toMatch(/up: detached/);
        // Nothing raced: no service had to be restarted to come up (each restart is logged).
        const restarts = output.split('\n').filter((line) => /exited|killed by|restart/.test(line));
        // up's output holds the last log lines of each service that exited: the reason.
        if (restarts.length > 0) process.stderr.write(`up --detach printed:\n${output}\n`);
        expect(restarts).toEqual([]);
        const checkout = await clients.checkout().catch((error: unknown) => {
          // What each service said last is the only trace left once the platform is destroyed.
          process.stderr.write(
            `checkout failed; the services' last log lines:\n${platform.logTails()}\n`,
          );
          throw error;
        });
        expect(checkout.found.orderId).toBe(checkout.orderId);
        process.stdout.write(`first run: up --detach took ${upSeconds.toFixed(1)} s\n`);
      } finally {
        clients.close();
        await platform.destroy();
      }
    },
    600_000,
  );
});

describe('`up` in the foreground', () => {
  it('restarts each service SIGKILLed in turn while the rest and the servers keep running, and a client retrying UNAVAILABLE loses nothing', async () => {
    const platform = await isolatedPlatform(search);
    const up = spawn('bash', [upScript], {
      cwd: workspaceRoot,
      env: { ...process.env, ...platform.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    up.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    up.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const upExited = new Promise<number | null>((resolve) => up.on('exit', resolve));
    const clients = platformClients(platform);
    let sending = true;
    const acknowledged: number[] = [];
    let issued = 0;
    try {
      await eventually(() => expect(output).toMatch(/running in the foreground/), {
        timeoutMs: 400_000,
        intervalMs: 500,
      });
      const accountId = await clients.openAccount('CUSTOMER', 0);
      // Deposits one after another, each retried with its idempotency key until acknowledged.
      const sender = (async () => {
        for (let n = 1; sending; n += 1) {
          issued += 1;
          for (;;) {
            try {
              await clients.accounts.depositFunds(
                { accountId, amount: { amountMinor: String(n), currency: 'EUR' } },
                { idempotencyKey: `deposit-${accountId}-${n}`, deadlineMs: 5_000 },
              );
              acknowledged.push(n);
              break;
            } catch (error) {
              if (!isRetryable(error)) throw error;
              await new Promise((resolve) => setTimeout(resolve, 200));
            }
          }
        }
      })();
      const kafkaPid = Number(readFileSync(join(platform.stackDir, 'kafka/kafka.pid'), 'utf8'));
      const services: readonly ServiceName[] = SERVICES;
      for (const victim of services) {
        const before = Object.fromEntries(services.map((s) => [s, platform.pid(s)]));
        const ackedBefore = acknowledged.length;
        process.kill(before[victim]!, 'SIGKILL');
        // Restarted: a new instance that answers its health check.
        await eventually(
          async () => {
            const pid = platform.pid(victim);
            expect(pid && pid !== before[victim] && alive(pid)).toBe(true);
            await run(
              'node',
              ['deploy/local/grpc-health.mjs', platform.address(victim)],
              {},
              5_000,
            );
          },
          { timeoutMs: 60_000, intervalMs: 500 },
        );
        // The others were left alone, the broker and up.sh run, and commands go on.
        for (const other of services.filter((s) => s !== victim))
          expect(platform.pid(other)).toBe(before[other]);
        expect(alive(kafkaPid)).toBe(true);
        expect(up.exitCode).toBeNull();
        await eventually(() => expect(acknowledged.length).toBeGreaterThan(ackedBefore + 2), {
          timeoutMs: 60_000,
          intervalMs: 200,
        });
        expect(output).toMatch(new RegExp(`${victim} killed by SIGKILL`));
      }
      sending = false;
      await sender;
      expect(acknowledged).toHaveLength(issued);
      const sum = acknowledged.reduce((a, b) => a + b, 0);
      await eventually(
        async () =>
          expect(String((await clients.balance(accountId)).balanceMinor)).toBe(String(sum)),
        { timeoutMs: 60_000, intervalMs: 250 },
      );
      // Ctrl-C stops everything it started: the services and the brand-new broker.
      up.kill('SIGINT');
      expect(await upExited).toBe(130);
      expect(alive(kafkaPid)).toBe(false);
    } finally {
      sending = false;
      clients.close();
      if (up.exitCode === null) {
        up.kill('SIGTERM');
        await upExited;
      }
      await platform.destroy();
    }
  }, 900_000);
});
