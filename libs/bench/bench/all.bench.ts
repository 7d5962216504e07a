// Every benchmark in one go: `npm run bench -- all [--only append,deposit] [--out bench-results]`.
//
// Runs each benchmark through the dispatcher (tools/bench.mjs) with durations shorter than their
// defaults where needed (about 10 minutes in all on a 2-core host), collects the `BENCH_JSON`
// line each prints, and writes to --out (default bench-results/):
//   <stamp>.json  every result, the host, durations and failures (stamp: 2026-12-07T14-05Z)
//   <stamp>.md    every figure with its target and the previous run's figure beside it
//   <stamp>.svg   throughput–latency curves of DepositFunds over gRPC and of checkouts
//   latest.md, latest.svg   copies of the newest, which the README links to
// A benchmark that fails or prints no result is listed under "Failed"; the others still run.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type BenchFailure,
  type BenchResult,
  type BenchRun,
  curvesSvg,
  parseResultLines,
  previousResultsFile,
  runStamp,
  summaryMarkdown,
  targetCounts,
} from '../src';

interface Step {
  readonly name: string;
  readonly args: readonly string[];
}

/**
 * Durations chosen so the whole run takes under 10 minutes on 2 vCPUs (6 min 53 s with append at
 * 3 s and checkout at 10 s, on a busy host); append and checkout keep the README's 5 s and 20 s.
 */
const PLAN: readonly Step[] = [
  { name: 'append', args: ['--seconds', '5'] },
  {
    name: 'deposit',
    args: ['--seconds', '5', '--sweep', '25,50,75,100,125', '--sweep-seconds', '4'],
  },
  { name: 'append-encryption', args: ['--seconds', '3'] },
  { name: 'transfer', args: ['--seconds', '4', '--accounts', '512'] },
  { name: 'guard', args: ['--seconds', '3'] },
  { name: 'relay', args: ['--events', '100000', '--seconds', '5'] },
  { name: 'relay-profile', args: [] },
  { name: 'read-side', args: ['--events', '20000', '--seconds', '6'] },
  {
    name: 'checkout',
    args: ['--seconds', '20', '--sweep', '25,50,75,100,125', '--sweep-seconds', '6'],
  },
  { name: 'rebuild', args: ['--events', '200000'] },
  { name: 'accounts-rebuild', args: ['--events', '40000'] },
  { name: 'ledger-verify', args: ['--events', '200000'] },
];
/** A benchmark still running after this is stopped (its process group) and listed as failed. */
const STEP_TIMEOUT_MS = 5 * 60_000;

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    out: { type: 'string', default: 'bench-results' },
  },
});
const only = values.only?.split(',').map((name) => name.trim());
const steps = only ? PLAN.filter((step) => only.includes(step.name)) : PLAN;
if (only && steps.length !== only.length)
  throw new Error(
    `all.bench: unknown in --only: ${only.filter((n) => !PLAN.some((s) => s.name === n)).join(', ')}`,
  );

interface StepOutcome {
  readonly results: BenchResult[];
  readonly failure?: BenchFailure;
  readonly ms: number;
}

const log = (message: string) =>
  console.error(`[bench all ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** The running benchmark's process group, stopped with the run on Ctrl-C or SIGTERM. */
let running: number | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (running !== undefined) process.kill(-running, 'SIGTERM');
    process.exit(130);
  });

/** Runs one benchmark in its own process group, echoing its output, collecting its results. */
const runStep = (step: Step): Promise<StepOutcome> =>
  new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['tools/bench.mjs', step.name, ...step.args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    running = child.pid;
    let output = '';
    const keep = (chunk: Buffer, to: NodeJS.WriteStream) => {
      output += chunk.toString('utf8');
      to.write(chunk);
    };
    child.stdout.on('data', (chunk: Buffer) => keep(chunk, process.stdout));
    child.stderr.on('data', (chunk: Buffer) => keep(chunk, process.stderr));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      log(`${step.name}: still running after ${STEP_TIMEOUT_MS / 60_000} min, stopping it`);
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    }, STEP_TIMEOUT_MS);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      running = undefined;
      const ms = performance.now() - started;
      const results = parseResultLines(output);
      const ok = exitCode === 0 && !timedOut && results.length > 0;
      const why = timedOut ? ' (timed out)' : results.length === 0 ? ' (no BENCH_JSON line)' : '';
      resolve({
        results,
        ms,
        ...(!ok && {
          failure: {
            name: step.name,
            exitCode,
            tail: `${output.trim().split('\n').slice(-20).join('\n')}${why}`,
          },
        }),
      });
    });
  });

const readRun = (file: string): BenchRun | undefined => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as BenchRun;
  } catch {
    return undefined;
  }
};

const main = async () => {
  const startedAt = new Date();
  const load = loadavg()[0] ?? 0;
  const results: BenchResult[] = [];
  const failures: BenchFailure[] = [];
  const durations: Record<string, number> = {};
  for (const step of steps) {
    log(`${step.name} ${step.args.join(' ')}`);
    const outcome = await runStep(step);
    durations[step.name] = Math.round(outcome.ms);
    results.push(...outcome.results);
    if (outcome.failure) failures.push(outcome.failure);
    log(
      `${step.name}: ${outcome.failure ? 'FAILED' : 'done'} in ${(outcome.ms / 1000).toFixed(0)} s`,
    );
  }
  const cpu = cpus();
  const run: BenchRun = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    host: {
      cpus: cpu.length,
      model: cpu[0]?.model.trim() ?? 'unknown CPU',
      memoryGiB: totalmem() / 2 ** 30,
      node: process.version,
      loadAverage: load,
    },
    durations,
    results,
    failures,
  };

  const dir = values.out;
  mkdirSync(dir, { recursive: true });
  const stamp = runStamp(startedAt);
  const previousFile = previousResultsFile(readdirSync(dir), `${stamp}.json`);
  const previousRun = previousFile ? readRun(join(dir, previousFile)) : undefined;
  const curves = results.flatMap((r) => r.curves);
  writeFileSync(join(dir, `${stamp}.json`), `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(join(dir, `${stamp}.svg`), curvesSvg(curves));
  writeFileSync(
    join(dir, `${stamp}.md`),
    summaryMarkdown({
      run,
      svgFile: `${stamp}.svg`,
      ...(previousFile && previousRun && { previous: { file: previousFile, run: previousRun } }),
    }),
  );
  // The "latest" copies link to their own picture, so the README's link stays fixed.
  copyFileSync(join(dir, `${stamp}.svg`), join(dir, 'latest.svg'));
  writeFileSync(
    join(dir, 'latest.md'),
    summaryMarkdown({
      run,
      svgFile: 'latest.svg',
      ...(previousFile && previousRun && { previous: { file: previousFile, run: previousRun } }),
    }),
  );
  const { met, missed } = targetCounts(run);
  log(
    `${results.length} results, ${failures.length} failed, targets ${met} met / ${missed} missed, ` +
      `${((Date.parse(run.finishedAt) - startedAt.getTime()) / 1000).toFixed(0)} s in all; written ${join(dir, stamp)}.{json,md,svg}`,
  );
  process.exit(failures.length > 0 ? 1 : 0);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
