import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

const repo = path.resolve(__dirname, '..');
const composeFile = path.join(repo, 'docker-compose.yml');

type Compose = { services: Record<string, Record<string, unknown>> };

const runCheck = (...args: string[]) => {
  const result = spawnSync('node', [path.join(repo, 'deploy/compose-check.mjs'), ...args], {
    cwd: repo,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'compose-check-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Checks a copy of docker-compose.yml changed by `edit`. */
const checkEdited = (edit: (compose: Compose) => void) => {
  const compose = YAML.parse(readFileSync(composeFile, 'utf8')) as Compose;
  edit(compose);
  const file = path.join(dir, `compose-${String(Math.random()).slice(2)}.yml`);
  writeFileSync(file, YAML.stringify(compose));
  return runCheck('--compose', file, '--skip-stack');
};

const service = (compose: Compose, name: string) => {
  const def = compose.services[name];
  if (!def) throw new Error(`no compose service ${name}`);
  return def;
};

describe('docker-compose.yml', () => {
  it('passes compose-check: schema, servers, platform services and the local stack', () => {
    const { status, output } = runCheck();

    expect(output).toContain('compose-check: ok');
    expect(status).toBe(0);
  });

  it('is exactly what the generator writes from deploy/platform.json', () => {
    const out = path.join(dir, 'generated.yml');

    const { status } = runCheck('--write', '--out', out, '--skip-stack');

    expect(status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(composeFile, 'utf8'));
  });

  it('is refused when a platform service has no healthcheck', () => {
    const { status, output } = checkEdited((c) => {
      delete service(c, 'payments-query')['healthcheck'];
    });

    expect(status).toBe(1);
    expect(output).toContain('service payments-query has no (or another) healthcheck');
  });

  it('is refused when a service binds the loopback address inside its container', () => {
    const { status, output } = checkEdited((c) => {
      const env = service(c, 'accounts')['environment'] as Record<string, string>;
      delete env['GRPC_HOST'];
    });

    expect(status).toBe(1);
    expect(output).toContain('service accounts has GRPC_HOST=(unset), expected 0.0.0.0');
  });

  it('is refused when checkout may start before a service it calls is healthy', () => {
    const { status, output } = checkEdited((c) => {
      const dependsOn = service(c, 'checkout')['depends_on'] as Record<string, unknown>;
      dependsOn['orders'] = { condition: 'service_started' };
    });

    expect(status).toBe(1);
    expect(output).toContain(
      'service checkout depends_on orders: service_started, expected service_healthy',
    );
  });

  it('is refused by the Compose Specification schema when a key is misspelt', () => {
    const { status, output } = checkEdited((c) => {
      service(c, 'redis')['helthcheck'] = service(c, 'redis')['healthcheck'];
    });

    expect(status).toBe(1);
    expect(output).toContain('schema: /services/redis must NOT have additional properties');
  });
});
