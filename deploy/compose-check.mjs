#!/usr/bin/env node
// Keeps docker-compose.yml and the Docker-free local stack consistent with deploy/platform.json.
//
//   node deploy/compose-check.mjs            check; exit 1 naming every mismatch
//   node deploy/compose-check.mjs --write    (re)generate the platform services in docker-compose.yml, then check
//   options: --compose <file> --platform <file> --out <file> (where --write writes; default: --compose)
//            --skip-stack (do not compare with `deploy/local/stack.sh env`)
//
// Checks:
//  * every server in platform.json is a compose service publishing host port <port> (on 127.0.0.1);
//  * `deploy/local/stack.sh env` prints exactly `export <env>=<url>` for every server it runs
//    (localStack !== false), and nothing else;
//  * every platform service is a compose service built from deploy/Dockerfile with build arg
//    SERVICE=<name>, GRPC_PORT=<grpcPort>, publishing <grpcPort>, and with <env>=<composeUrl> for
//    each server it uses; generated compose services no longer in platform.json are reported.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const YAML = require('yaml');

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GENERATED_LABEL = 'dev.ledgerline.generated';

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

// ---------------------------------------------------------------- generation

function composeServiceFor(svc, composeServices) {
  const used = svc.servers ?? Object.keys(servers);
  const environment = {};
  for (const name of used) environment[servers[name].env] = servers[name].composeUrl;
  // `composeEnv` overrides `env` inside compose only (e.g. another service's address by its host name).
  Object.assign(environment, svc.env ?? {}, svc.composeEnv ?? {});
  environment.GRPC_PORT = String(svc.grpcPort);
  // Plaintext gRPC inside compose for now: the development certificates (deploy/local/pki.mjs)
  // live on the host with owner-only keys, and the images do not mount them yet.
  environment.GRPC_TLS ??= 'off';
  const depends_on = {};
  for (const name of used) {
    const condition = composeServices?.[name]?.healthcheck ? 'service_healthy' : 'service_started';
    depends_on[name] = { condition };
  }
  return {
    build: { context: '.', dockerfile: 'deploy/Dockerfile', args: { SERVICE: svc.name } },
    image: `ledgerline/${svc.name}:local`,
    profiles: ['platform'],
    environment,
    ports: [`127.0.0.1:${svc.grpcPort}:${svc.grpcPort}`],
    depends_on,
    labels: { [GENERATED_LABEL]: 'true' },
    restart: 'on-failure',
  };
}

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
    const node = doc.createNode(composeServiceFor(svc, current));
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
      ...(await prettier.resolveConfig(outFile)),
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
const cservices = compose?.services ?? {};

// Published host ports of a compose service: [{ hostIp, published, target }].
function publishedPorts(def) {
  const out = [];
  for (const p of def?.ports ?? []) {
    if (typeof p === 'object') {
      out.push({
        hostIp: p.host_ip ?? '',
        published: Number(p.published),
        target: Number(p.target),
      });
      continue;
    }
    const spec = String(p).replace(/\/(tcp|udp)$/, '');
    const parts = spec.split(':');
    if (parts.length === 3)
      out.push({ hostIp: parts[0], published: Number(parts[1]), target: Number(parts[2]) });
    else if (parts.length === 2)
      out.push({ hostIp: '', published: Number(parts[0]), target: Number(parts[1]) });
    else out.push({ hostIp: '', published: Number(parts[0]), target: Number(parts[0]) });
  }
  return out;
}

// environment may be a map or a list of KEY=VALUE strings.
function envOf(def) {
  const env = def?.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v == null ? '' : String(v)]));
}

for (const [name, srv] of Object.entries(servers)) {
  for (const key of ['port', 'env', 'url', 'composeUrl']) {
    if (srv[key] === undefined) fail(`platform.json: server ${name} lacks "${key}"`);
  }
  const def = cservices[name];
  if (!def) {
    fail(`docker-compose.yml: no service "${name}" for server ${name} (port ${srv.port})`);
    continue;
  }
  const ports = publishedPorts(def);
  const hit = ports.find((p) => p.published === srv.port);
  if (!hit) {
    fail(
      `docker-compose.yml: service ${name} does not publish host port ${srv.port} (publishes: ${ports.map((p) => p.published).join(', ') || 'none'})`,
    );
  } else if (hit.hostIp && hit.hostIp !== '127.0.0.1') {
    fail(
      `docker-compose.yml: service ${name} publishes ${srv.port} on ${hit.hostIp}; the local stack uses 127.0.0.1`,
    );
  }
  if (!String(srv.url).includes(`:${srv.port}`))
    fail(`platform.json: server ${name} url ${srv.url} does not use port ${srv.port}`);
}

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

const names = new Set();
for (const svc of services) {
  if (!svc.name || !Number.isInteger(svc.grpcPort)) {
    fail(
      `platform.json: service entries need "name" and integer "grpcPort": ${JSON.stringify(svc)}`,
    );
    continue;
  }
  if (names.has(svc.name)) fail(`platform.json: service ${svc.name} is listed twice`);
  names.add(svc.name);
  const def = cservices[svc.name];
  if (!def) {
    fail(
      `docker-compose.yml: no service "${svc.name}" for platform service ${svc.name} (run: node deploy/compose-check.mjs --write)`,
    );
    continue;
  }
  const build = typeof def.build === 'string' ? { context: def.build } : (def.build ?? {});
  const dockerfile = path.normalize(
    path.join(build.context ?? '.', build.dockerfile ?? 'Dockerfile'),
  );
  if (dockerfile !== path.normalize('deploy/Dockerfile'))
    fail(
      `docker-compose.yml: service ${svc.name} is built from ${dockerfile}, not deploy/Dockerfile`,
    );
  const buildArgs = Array.isArray(build.args)
    ? Object.fromEntries(build.args.map((a) => a.split('=')))
    : (build.args ?? {});
  if (buildArgs.SERVICE !== svc.name)
    fail(
      `docker-compose.yml: service ${svc.name} has build arg SERVICE=${buildArgs.SERVICE ?? '(unset)'}, expected ${svc.name}`,
    );
  const env = envOf(def);
  if (env.GRPC_PORT !== String(svc.grpcPort))
    fail(
      `docker-compose.yml: service ${svc.name} has GRPC_PORT=${env.GRPC_PORT ?? '(unset)'}, platform.json says ${svc.grpcPort}`,
    );
  if (!publishedPorts(def).some((p) => p.published === svc.grpcPort && p.target === svc.grpcPort)) {
    fail(
      `docker-compose.yml: service ${svc.name} does not publish ${svc.grpcPort}:${svc.grpcPort}`,
    );
  }
  for (const name of svc.servers ?? Object.keys(servers)) {
    const srv = servers[name];
    if (!srv) {
      fail(`platform.json: service ${svc.name} uses unknown server ${name}`);
      continue;
    }
    if (!(srv.env in env))
      fail(`docker-compose.yml: service ${svc.name} lacks ${srv.env} (server ${name})`);
    else if (env[srv.env] !== srv.composeUrl)
      fail(
        `docker-compose.yml: service ${svc.name} has ${srv.env}=${env[srv.env]}, platform.json says ${srv.composeUrl}`,
      );
  }
  for (const [k, v] of Object.entries(svc.env ?? {})) {
    if (env[k] !== String(v))
      fail(
        `docker-compose.yml: service ${svc.name} has ${k}=${env[k] ?? '(unset)'}, platform.json says ${v}`,
      );
  }
}
for (const [name, def] of Object.entries(cservices)) {
  if (def?.labels?.[GENERATED_LABEL] === 'true' && !names.has(name)) {
    fail(
      `docker-compose.yml: generated service ${name} is not in platform.json any more (run: node deploy/compose-check.mjs --write)`,
    );
  }
}

if (errors.length) {
  for (const e of errors) console.error(`compose-check: ${e}`);
  process.exit(1);
}
console.log(
  `compose-check: ok (${Object.keys(servers).length} servers, ${services.length} services)`,
);
