#!/usr/bin/env node
// Keeps docker-compose.yml and the Docker-free local stack consistent with deploy/platform.json.
//
//   node deploy/compose-check.mjs            check; exit 1 naming every mismatch
//   node deploy/compose-check.mjs --write    (re)generate the platform services in docker-compose.yml, then check
//   options: --compose <file> --platform <file> --out <file> (where --write writes; default: --compose)
//            --skip-stack (do not compare with `deploy/local/stack.sh env`)
//
// Checks (deploy/compose/checks.mjs; the generated service is deploy/compose/service.mjs):
//  * the file is valid against the Compose Specification's JSON schema (deploy/compose/compose-spec.json);
//  * every server in platform.json is a compose service publishing host port <port> (on 127.0.0.1);
//  * `deploy/local/stack.sh env` prints exactly `export <env>=<url>` for every server it runs
//    (localStack !== false), and nothing else;
//  * every platform service is a compose service built from deploy/Dockerfile with build arg
//    SERVICE=<name>, GRPC_PORT=<grpcPort>, GRPC_HOST=0.0.0.0, mTLS with the `pki` service's key
//    material, publishing <grpcPort>, with <env>=<composeUrl> for each server it uses (PostgreSQL's
//    naming the service's own role, ledgerline_<name>), the gRPC healthcheck, and depends_on: its
//    servers (healthy), pki and migrate (completed) and the services it `calls` (healthy);
//    generated compose services no longer in platform.json are reported.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkSchema, checkServers, checkServices } from './compose/checks.mjs';
import { composeServiceFor, GENERATED_LABEL } from './compose/service.mjs';

const require = createRequire(import.meta.url);
const YAML = require('yaml');

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const composeFile = path.resolve(opt('--compose', path.join(repo, 'docker-compose.yml')));
const platformFile = path.resolve(opt('--platform', path.join(repo, 'deploy/platform.json')));
const outFile = path.resolve(opt('--out', composeFile));
const write = args.includes('--write');
const skipStack = args.includes('--skip-stack');

const platform = JSON.parse(readFileSync(platformFile, 'utf8'));
const servers = platform.servers ?? {};
const services = platform.services ?? [];
const rel = (f) => path.relative(process.cwd(), f) || f;

if (write) {
  const doc = YAML.parseDocument(readFileSync(composeFile, 'utf8'));
  const current = doc.toJS()?.services ?? {};
  const wanted = new Set(services.map((s) => s.name));
  for (const [name, def] of Object.entries(current)) {
    if (def?.labels?.[GENERATED_LABEL] === 'true' && !wanted.has(name))
      doc.deleteIn(['services', name]);
  }
  for (const svc of services) {
    if (servers[svc.name])
      throw new Error(`service ${svc.name} clashes with a server of the same name`);
    const node = doc.createNode(composeServiceFor(svc, servers, current));
    // Quote values YAML 1.1 readers take for booleans (GRPC_TLS: off would arrive as false).
    for (const pair of node.get('environment')?.items ?? [])
      if (YAML.isScalar(pair.value) && /^(y|yes|n|no|on|off|true|false)$/i.test(pair.value.value))
        pair.value.type = 'QUOTE_SINGLE';
    doc.setIn(['services', svc.name], node);
  }
  // A blank line before every service, as in the hand-written part.
  (doc.get('services', true)?.items ?? []).forEach((pair, i) => {
    if (!YAML.isScalar(pair.key)) pair.key = doc.createNode(pair.key);
    pair.key.spaceBefore = i > 0;
  });
  let text = doc.toString({ lineWidth: 0, flowCollectionPadding: false, singleQuote: true });
  try {
    // Keep the file as `prettier --check .` wants it (prettier is a dev dependency of the repo).
    const mod = await import(pathToFileURL(require.resolve('prettier')).href);
    const prettier = mod.format ? mod : mod.default;
    text = await prettier.format(text, {
      // The repository's style, wherever the file is written.
      ...(await prettier.resolveConfig(path.join(repo, 'docker-compose.yml'))),
      filepath: outFile,
    });
  } catch {
    // prettier unavailable: the file is still valid YAML
  }
  writeFileSync(outFile, text);
  console.log(`compose-check: wrote ${services.length} platform service(s) to ${rel(outFile)}`);
}

// ---------------------------------------------------------------- checks

const errors = [];
const fail = (msg) => errors.push(msg);
const compose = YAML.parse(readFileSync(write ? outFile : composeFile, 'utf8'));
errors.push(...checkSchema(compose), ...checkServers(compose, servers));

// The Docker-free stack must print exactly the same variables and values.
if (!skipStack) {
  const env = { ...process.env };
  for (const k of Object.keys(env))
    if (/^LEDGERLINE_.*_PORT$/.test(k) || k === 'LEDGERLINE_STACK_DIR') delete env[k];
  let out = '';
  try {
    out = execFileSync('bash', [path.join(repo, 'deploy/local/stack.sh'), 'env'], {
      env,
      encoding: 'utf8',
    });
  } catch (e) {
    fail(`deploy/local/stack.sh env failed: ${e.message}`);
  }
  const printed = {};
  for (const line of out.split('\n').filter(Boolean)) {
    const m = /^export ([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!m) fail(`deploy/local/stack.sh env: unexpected line "${line}"`);
    else printed[m[1]] = m[2];
  }
  const expected = Object.entries(servers).filter(([, s]) => s.localStack !== false);
  for (const [name, srv] of expected) {
    if (!(srv.env in printed))
      fail(`deploy/local/stack.sh env: missing ${srv.env} (server ${name})`);
    else if (printed[srv.env] !== srv.url)
      fail(
        `deploy/local/stack.sh env: ${srv.env}=${printed[srv.env]} but platform.json says ${srv.url}`,
      );
  }
  const known = new Set(expected.map(([, s]) => s.env));
  for (const k of Object.keys(printed))
    if (!known.has(k))
      fail(`deploy/local/stack.sh env: prints ${k}, which platform.json does not declare`);
}

errors.push(...checkServices(compose, platform));

if (errors.length) {
  for (const e of errors) console.error(`compose-check: ${e}`);
  process.exit(1);
}
console.log(
  `compose-check: ok (${Object.keys(servers).length} servers, ${services.length} services)`,
);
