import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { build } from 'esbuild';
import { workspaceRoot } from './servers';

export interface TestProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves when a line of output matches, rejects if the process exits or `timeoutMs` passes first. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or the signal) once the process has ended. */
  readonly exited: Promise<number | NodeJS.Signals>;
  kill(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals>;
}

const bundles = new Map<string, Promise<string>>();

/**
 * Bundles a TypeScript entry point of the checkout at `root` once per test run (that checkout's
 * workspace libs inlined, packages external).
 */
const bundle = (root: string, entry: string): Promise<string> => {
  const absolute = join(root, entry);
  let out = bundles.get(absolute);
  if (!out) {
    const name = createHash('sha1').update(absolute).digest('hex').slice(0, 10);
    const outfile = join(root, 'dist', 'test-processes', `${name}.js`);
    out = build({
      entryPoints: [absolute],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: 'inline',
      packages: 'external',
      tsconfig: join(root, 'tsconfig.base.json'),
      logLevel: 'error',
    }).then(() => outfile);
    bundles.set(absolute, out);
  }
  return out;
};

export interface ProcessOptions {
  /**
   * The checkout the entry point belongs to and runs in (default: this workspace): a benchmark
   * runs another checkout's code beside this one's, each with its own libraries.
   */
  readonly root?: string;
}

/**
 * Runs a TypeScript entry point (path relative to the checkout's root) as a real child process,
 * so tests can kill it mid-flight with a real signal.
 */
export const startProcess = async (
  entry: string,
  env: Record<string, string> = {},
  { root = workspaceRoot }: ProcessOptions = {},
): Promise<TestProcess> => {
  const script = await bundle(root, entry);
  // LEDGERLINE_CHILD_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the children
  // of a benchmark or test; Node refuses such flags in NODE_OPTIONS.
  const nodeArgs = (process.env['LEDGERLINE_CHILD_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  // Set before the waiters look: one woken by the exit must see it, or it waits out its timeout.
  let hasExited = false;
  const exited = new Promise<number | NodeJS.Signals>((resolve) => {
    child.on('exit', (code, signal) => {
      hasExited = true;
      resolve(signal ?? code ?? 0);
      for (const listener of listeners) listener();
    });
  });

  return {
    child,
    output: () => output,
    exited,
    waitForOutput(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = output.split('\n').find((l) => pattern.test(l));
          if (line !== undefined) return finish(() => resolve(line));
          if (hasExited)
            finish(() =>
              reject(new Error(`${entry} exited before printing ${pattern}:\n${output}`)),
            );
        };
        const timer = setTimeout(
          () =>
            finish(() =>
              reject(
                new Error(`${entry} did not print ${pattern} within ${timeoutMs} ms:\n${output}`),
              ),
            ),
          timeoutMs,
        );
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    async kill(signal = 'SIGKILL') {
      if (!hasExited) child.kill(signal);
      return exited;
    },
  };
};
