#!/usr/bin/env node
// Published event contracts (README, "Event contracts"): writes docs/events/schemas/<category>/
// <Type>.v<N>.json and docs/events/asyncapi.yaml from the domain's TypeScript event types, and
// refuses a breaking change to a committed schema version. `--check` writes nothing and exits 1
// when the committed files are not what the types generate (the event-contracts unit test runs it).
// The TypeScript side (libs/event-contracts) is bundled with esbuild, as tools/platform.mjs does.
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './build-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
// A devDependency; resolved as require() does (NODE_PATH included).
const { createGenerator } = createRequire(import.meta.url)('ts-json-schema-generator');

const schemaOf = (file, type) =>
  createGenerator({
    path: join(root, file),
    tsconfig: join(root, 'tsconfig.base.json'),
    type,
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    additionalProperties: false,
    // The typecheck target checks the sources; the generator only needs their declarations.
    skipTypeCheck: true,
  }).createSchema(type);

// Under dist/ so the bundle resolves npm packages from the workspace; one per run.
const out = join(root, 'dist', 'tools', `event-schemas-${process.pid}.js`);
try {
  const cwd = process.cwd();
  process.chdir(root); // build-node resolves tsconfig.base.json from the workspace root
  await bundle('libs/event-contracts/src/tool.ts', out);
  process.chdir(cwd);
  const { runEventSchemas } = createRequire(import.meta.url)(out);
  process.exitCode = await runEventSchemas({
    root,
    check,
    schemaOf,
    log: (line) => console.error(line),
  });
} finally {
  rmSync(out, { force: true });
}
