// The checks of deploy/compose-check.mjs: docker-compose.yml against deploy/platform.json and
// against the Compose Specification's JSON schema. Each returns a list of error messages.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  GENERATED_LABEL,
  HEALTHCHECK,
  MIGRATE_SERVICE,
  PKI_SERVICE,
  containerEnv,
  dependsOn,
  serverUrlFor,
} from './service.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

// Published host ports of a compose service: [{ hostIp, published, target }].
export function publishedPorts(def) {
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
    const parts = String(p)
      .replace(/\/(tcp|udp)$/, '')
      .split(':');
    if (parts.length === 3)
      out.push({ hostIp: parts[0], published: Number(parts[1]), target: Number(parts[2]) });
    else if (parts.length === 2)
      out.push({ hostIp: '', published: Number(parts[0]), target: Number(parts[1]) });
    else out.push({ hostIp: '', published: Number(parts[0]), target: Number(parts[0]) });
  }
  return out;
}

// environment may be a map or a list of KEY=VALUE strings.
export function envOf(def) {
  const env = def?.environment ?? {};
  if (Array.isArray(env))
    return Object.fromEntries(
      env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]),
    );
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v == null ? '' : String(v)]));
}

/**
 * The Compose Specification's schema, vendored unchanged from github.com/compose-spec/compose-spec
 * (schema/compose-spec.json at commit 170098ba07d9f53c383a41bfd4c5166b0a4529a6, 2026-06-23).
 */
export function checkSchema(compose) {
  const Ajv = require('ajv');
  const schema = JSON.parse(readFileSync(path.join(here, 'compose-spec.json'), 'utf8'));
  // strict: false: the schema uses annotations ajv does not know ("deprecated"); formats are
  // not asserted by the compose tools either.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  // The schema names draft-07 by its https address; ajv knows the meta-schema by the http one.
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-07.json'), schema.$schema);
  const validate = ajv.compile(schema);
  if (validate(compose)) return [];
  return validate.errors.map(
    (e) =>
      `docker-compose.yml: schema: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
  );
}

export function checkServers(compose, servers) {
  const errors = [];
  const cservices = compose?.services ?? {};
  for (const [name, srv] of Object.entries(servers)) {
    for (const key of ['port', 'env', 'url', 'composeUrl'])
      if (srv[key] === undefined) errors.push(`platform.json: server ${name} lacks "${key}"`);
    const def = cservices[name];
    if (!def) {
      errors.push(`docker-compose.yml: no service "${name}" for server ${name} (port ${srv.port})`);
      continue;
    }
    const ports = publishedPorts(def);
    const hit = ports.find((p) => p.published === srv.port);
    if (!hit)
      errors.push(
        `docker-compose.yml: service ${name} does not publish host port ${srv.port} (publishes: ${ports.map((p) => p.published).join(', ') || 'none'})`,
      );
    else if (hit.hostIp && hit.hostIp !== '127.0.0.1')
      errors.push(
        `docker-compose.yml: service ${name} publishes ${srv.port} on ${hit.hostIp}; the local stack uses 127.0.0.1`,
      );
    if (!String(srv.url).includes(`:${srv.port}`))
      errors.push(`platform.json: server ${name} url ${srv.url} does not use port ${srv.port}`);
  }
  return errors;
}

// Key order does not matter in YAML maps.
const canonical = (v) =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical(v[k])]),
        )
      : v;
const same = (a, b) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

function checkService(svc, def, servers, cservices) {
  const errors = [];
  const fail = (msg) => errors.push(`docker-compose.yml: service ${svc.name} ${msg}`);
  const build = typeof def.build === 'string' ? { context: def.build } : (def.build ?? {});
  const dockerfile = path.normalize(
    path.join(build.context ?? '.', build.dockerfile ?? 'Dockerfile'),
  );
  if (dockerfile !== path.normalize('deploy/Dockerfile'))
    fail(`is built from ${dockerfile}, not deploy/Dockerfile`);
  const buildArgs = Array.isArray(build.args)
    ? Object.fromEntries(build.args.map((a) => a.split('=')))
    : (build.args ?? {});
  if (buildArgs.SERVICE !== svc.name)
    fail(`has build arg SERVICE=${buildArgs.SERVICE ?? '(unset)'}, expected ${svc.name}`);
  const env = envOf(def);
  for (const [k, v] of Object.entries({ ...(svc.env ?? {}), ...containerEnv(svc) }))
    if (env[k] !== String(v)) fail(`has ${k}=${env[k] ?? '(unset)'}, expected ${v}`);
  if (!publishedPorts(def).some((p) => p.published === svc.grpcPort && p.target === svc.grpcPort))
    fail(`does not publish ${svc.grpcPort}:${svc.grpcPort}`);
  for (const name of svc.servers ?? Object.keys(servers)) {
    const srv = servers[name];
    if (!srv) errors.push(`platform.json: service ${svc.name} uses unknown server ${name}`);
    else if (env[srv.env] !== serverUrlFor(svc, name, srv))
      fail(
        `has ${srv.env}=${env[srv.env] ?? '(unset)'}, expected ${serverUrlFor(svc, name, srv)} (platform.json)`,
      );
  }
  if (!same(def.healthcheck, HEALTHCHECK))
    fail(`has no (or another) healthcheck; expected ${JSON.stringify(HEALTHCHECK)}`);
  const wanted = dependsOn(svc, servers, cservices);
  const actual = Array.isArray(def.depends_on)
    ? Object.fromEntries(def.depends_on.map((n) => [n, { condition: 'service_started' }]))
    : (def.depends_on ?? {});
  for (const [name, { condition }] of Object.entries(wanted))
    if (actual[name]?.condition !== condition)
      fail(`depends_on ${name}: ${actual[name]?.condition ?? '(missing)'}, expected ${condition}`);
  for (const name of svc.calls ?? [])
    if (!cservices[name]?.healthcheck) fail(`calls ${name}, which has no healthcheck to wait for`);
  return errors;
}

export function checkServices(compose, platform) {
  const errors = [];
  const servers = platform.servers ?? {};
  const cservices = compose?.services ?? {};
  const names = new Set();
  if (!cservices[PKI_SERVICE])
    errors.push(`docker-compose.yml: no "${PKI_SERVICE}" service (the key material)`);
  if (!cservices[MIGRATE_SERVICE])
    errors.push(`docker-compose.yml: no "${MIGRATE_SERVICE}" service (migrations as the owner)`);
  for (const svc of platform.services ?? []) {
    if (!svc.name || !Number.isInteger(svc.grpcPort)) {
      errors.push(
        `platform.json: service entries need "name" and integer "grpcPort": ${JSON.stringify(svc)}`,
      );
      continue;
    }
    if (names.has(svc.name)) errors.push(`platform.json: service ${svc.name} is listed twice`);
    names.add(svc.name);
    for (const callee of svc.calls ?? [])
      if (!(platform.services ?? []).some((s) => s.name === callee))
        errors.push(`platform.json: service ${svc.name} calls unknown service ${callee}`);
    const def = cservices[svc.name];
    if (!def) {
      errors.push(
        `docker-compose.yml: no service "${svc.name}" for platform service ${svc.name} (run: node deploy/compose-check.mjs --write)`,
      );
      continue;
    }
    errors.push(...checkService(svc, def, servers, cservices));
  }
  for (const [name, def] of Object.entries(cservices))
    if (def?.labels?.[GENERATED_LABEL] === 'true' && !names.has(name))
      errors.push(
        `docker-compose.yml: generated service ${name} is not in platform.json any more (run: node deploy/compose-check.mjs --write)`,
      );
  return errors;
}
