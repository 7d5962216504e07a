#!/usr/bin/env node
// The `platform` operator CLI (services/platform-cli): bundles it with esbuild when its sources
// changed (workspace libs inlined, npm packages from node_modules), fills missing server
// variables from the local stack's env file, and runs it with the given arguments.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'services', 'platform-cli', 'main.js');

const newest = (dir) => {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.'))
      continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (entry.name.endsWith('.ts')) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
};

const sources = ['libs', 'services'].map((d) => newest(join(root, d)));
if (!existsSync(outfile) || statSync(outfile).mtimeMs < Math.max(...sources)) {
  const { bundle } = await import('./build-node.mjs');
  const cwd = process.cwd();
  process.chdir(root); // build-node resolves tsconfig.base.json from the workspace root
  await bundle('services/platform-cli/src/main.ts', outfile);
  process.chdir(cwd);
}

const env = { ...process.env };
const stackEnv = join(process.env.LEDGERLINE_STACK_DIR ?? join(root, '.stack'), 'env');
if (existsSync(stackEnv)) {
  for (const line of readFileSync(stackEnv, 'utf8').split('\n')) {
    const match = /^(?:export\s+)?([A-Z_]+)=["']?(.*?)["']?$/.exec(line.trim());
    if (match && !env[match[1]]) env[match[1]] = match[2];
  }
}
const result = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
