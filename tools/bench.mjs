// Runs a benchmark: `npm run bench -- <name> [args…]` finds `<project>/bench/<name>.bench.ts`,
// bundles it with esbuild and runs it with the local stack's environment.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { bundle } from './build-node.mjs';

const [name, ...args] = process.argv.slice(2);
const roots = ['libs', 'services'];
const candidates = roots.flatMap((root) =>
  readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(root, d.name, 'bench')),
);
const all = candidates.flatMap((dir) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.bench.ts'))
        .map((f) => join(dir, f))
    : [],
);
const entry = all.find((file) => file.endsWith(`/${name}.bench.ts`));
if (!name || !entry) {
  console.error(
    `usage: npm run bench -- <name> [args]\nbenchmarks: ${all.map((f) => f.replace(/^.*\/|\.bench\.ts$/g, '')).join(', ')}`,
  );
  process.exit(2);
}

// Benchmarks call the platform as its clients must: mTLS and a bearer token (the test setup's),
// one caller at a rate no single real caller has, so per-caller rate limits are off unless set.
createRequire(import.meta.url)('./jest-security.js');
createRequire(import.meta.url)('./jest-metrics.js');
for (const rpcClass of ['READ', 'WRITE', 'ADMIN'])
  process.env[`RATE_LIMIT_${rpcClass}_PER_SECOND`] ??= '0';
const stackEnv = join(process.env.LEDGERLINE_STACK_DIR ?? '.stack', 'env');
const env = { ...process.env };
if (existsSync(stackEnv)) {
  for (const line of readFileSync(stackEnv, 'utf8').split('\n')) {
    const match = /^(?:export\s+)?([A-Z_]+)=["']?(.*?)["']?$/.exec(line.trim());
    if (match && !env[match[1]]) env[match[1]] = match[2];
  }
}
const outfile = join('dist', 'bench', `${name}.js`);
await bundle(entry, outfile);
const result = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...args], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
