import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCli } from './cli';
import { GROUPS } from './groups';

/** The checkout `platform` runs in (for `stack`): the folder holding nx.json. */
const workspace = (): string => {
  for (const start of [process.cwd(), __dirname])
    for (let dir = start; dir !== dirname(dir); dir = dirname(dir))
      if (existsSync(join(dir, 'nx.json'))) return dir;
  return process.cwd();
};

void runCli(process.argv.slice(2), GROUPS, {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  workspace: workspace(),
}).then((code) => {
  process.exitCode = code;
  // Kafka clients and pools are closed; anything else left open must not keep the CLI alive.
  setTimeout(() => process.exit(code), 200).unref();
});
