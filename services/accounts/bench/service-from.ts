// The accounts service of the benchmark as its own process: this checkout's (through
// @ledgerline/testing), or, with `--against <checkout>`, another checkout's (e.g. a worktree of the
// main branch), bundled with that checkout's own libraries, so one run measures both side by side.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { startProcess } from '@ledgerline/testing';

const ENTRY = 'services/accounts/bench/service.process.ts';
const READY = /gRPC server listening/;
const READY_TIMEOUT_MS = 60_000;

export interface ServiceProcess {
  readonly pid: number | undefined;
  stop(): Promise<unknown>;
}

const otherCheckoutService = async (
  checkout: string,
  env: Record<string, string>,
): Promise<ServiceProcess> => {
  const root = resolve(checkout);
  const outfile = join(root, 'dist', 'bench', 'accounts-service.js');
  await build({
    entryPoints: [join(root, ENTRY)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    packages: 'external',
    tsconfig: join(root, 'tsconfig.base.json'),
    logLevel: 'error',
  });
  const nodeArgs = (process.env['LEDGERLINE_CHILD_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', outfile], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let output = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`${checkout}: no ${READY}`)), READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!READY.test(output)) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      // Keep the pipes drained: a full pipe would stall the service's log writes.
      child.stdout.resume();
      child.stderr.resume();
      ready();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', () => fail(new Error(`${checkout}: service exited\n${output}`)));
  });
  return {
    pid: child.pid,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
};

/** Starts the service (this checkout's, or `checkout`'s) and waits until it listens. */
export const startAccountsService = async (
  checkout: string | undefined,
  env: Record<string, string>,
): Promise<ServiceProcess> => {
  if (checkout !== undefined) return otherCheckoutService(checkout, env);
  const service = await startProcess(ENTRY, env);
  await service.waitForOutput(READY, READY_TIMEOUT_MS);
  return { pid: service.child.pid, stop: () => service.kill('SIGTERM') };
};
