import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from './servers';

type ControllableServer = 'kafka' | 'elasticsearch';

/**
 * Stops or starts one server of the local stack (deploy/local/stack.sh), for tests that prove a
 * guarantee by taking a real server away. `start` returns once the server is healthy again.
 */
const stack = (action: 'start' | 'stop', server: ControllableServer): void => {
  const result = spawnSync('bash', [join(workspaceRoot, 'deploy/local/stack.sh'), action, server], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `stack.sh ${action} ${server} failed (${result.status}): ${result.stderr || result.stdout}`,
    );
  }
};

export const stopServer = (server: ControllableServer): void => stack('stop', server);
export const startServer = (server: ControllableServer): void => stack('start', server);

/**
 * `stopServer` / `startServer` without blocking the event loop, for tests whose in-process
 * platform must keep working while the server goes away and comes back.
 */
export const controlServerInBackground = (
  action: 'start' | 'stop',
  server: ControllableServer,
): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn('bash', [join(workspaceRoot, 'deploy/local/stack.sh'), action, server], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 180_000,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`stack.sh ${action} ${server} failed (${code}): ${output}`)),
    );
  });
