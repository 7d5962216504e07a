// Bundles one TypeScript entry point (a service's main.ts or a benchmark) into a single Node
// script. Workspace libs (@ledgerline/*) are inlined through tsconfig paths; npm packages stay
// external and load from node_modules.
import { build } from 'esbuild';

export const bundle = (entry, outfile) =>
  build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    packages: 'external',
    tsconfig: 'tsconfig.base.json',
    logLevel: 'warning',
  });

if (import.meta.url === `file://${process.argv[1]}`) {
  const [entry, outfile] = process.argv.slice(2);
  if (!entry || !outfile) {
    console.error('usage: node tools/build-node.mjs <entry.ts> <outfile.js>');
    process.exit(2);
  }
  await bundle(entry, outfile);
}
