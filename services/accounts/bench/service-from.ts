// The accounts service of the benchmark as its own process: this checkout's (through
// @ledgerline/testing), or, with `--against <checkout>`, another checkout's (e.g. a worktree of the
// main branch), bundled with that checkout's own libraries, so one run measures both side by side.
import { resolve } from 'node:path';
import { startProcess } from '@ledgerline/testing';

const ENTRY = 'services/accounts/bench/service.process.ts';
const READY = /gRPC server listening/;
const READY_TIMEOUT_MS = 60_000;

export interface ServiceProcess {
  readonly pid: number | undefined;
  stop(): Promise<unknown>;
}

/** Starts the service (this checkout's, or `checkout`'s) and waits until it listens. */
export const startAccountsService = async (
  checkout: string | undefined,
  env: Record<string, string>,
): Promise<ServiceProcess> => {
  const service = await startProcess(
    ENTRY,
    env,
    checkout === undefined ? {} : { root: resolve(checkout) },
  );
  await service.waitForOutput(READY, READY_TIMEOUT_MS);
  return { pid: service.child.pid, stop: () => service.kill('SIGTERM') };
};
