import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// No Docker engine is needed: this reads deploy/Dockerfile as the builder would and checks what
// the image promises (lockfile installs, reviewed install scripts, protos, non-root, health).
const repo = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(repo, file), 'utf8');

interface Stage {
  readonly name: string;
  readonly instructions: readonly { op: string; args: string }[];
}

/** The Dockerfile's stages and instructions, continuation lines joined, comments dropped. */
const parseDockerfile = (text: string): { args: Map<string, string>; stages: Stage[] } => {
  const lines = text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const args = new Map<string, string>();
  const stages: { name: string; instructions: { op: string; args: string }[] }[] = [];
  for (const line of lines) {
    const [op = '', ...rest] = line.split(/\s+/);
    const argText = rest.join(' ');
    if (op.toUpperCase() === 'FROM') {
      stages.push({ name: /\bAS\s+(\S+)/i.exec(argText)?.[1] ?? '', instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) {
      const [key = '', value = ''] = argText.split('=');
      if (op.toUpperCase() === 'ARG') args.set(key, value);
      continue;
    }
    stage.instructions.push({ op: op.toUpperCase(), args: argText });
  }
  return { args, stages };
};

const dockerfile = parseDockerfile(read('deploy/Dockerfile'));
const stage = (name: string) => {
  const found = dockerfile.stages.find((s) => s.name === name);
  if (!found) throw new Error(`deploy/Dockerfile has no stage ${name}`);
  return found;
};
const runtime = dockerfile.stages.at(-1);
const runs = dockerfile.stages.flatMap((s) => s.instructions.filter((i) => i.op === 'RUN'));

interface Lockfile {
  packages: Record<string, { hasInstallScript?: boolean }>;
}
const reviewed = (
  JSON.parse(read('deploy/install-scripts.json')) as {
    packages: Record<string, { run: boolean; why: string }>;
  }
).packages;

describe('deploy/Dockerfile', () => {
  it('builds the runtime image last, so it is the default target', () => {
    expect(runtime?.name).toBe('runtime');
  });

  it('installs only from the lockfile, with install scripts off', () => {
    const installs = runs.filter((r) => /\bnpm (ci|install|i)\b/.test(r.args));

    expect(installs.length).toBeGreaterThanOrEqual(2);
    for (const { args } of installs) {
      expect(args).not.toMatch(/\bnpm (install|i)\b/);
      expect(args).toMatch(/\bnpm ci\b.*--ignore-scripts/);
    }
  });

  it('reviews every package with an install script and allows exactly the approved ones', () => {
    const lock = JSON.parse(read('package-lock.json')) as Lockfile;
    const withScripts = Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript)
      .map(([key]) => key.replace(/^.*node_modules\//, ''));
    const approved = Object.entries(reviewed)
      .filter(([, r]) => r.run)
      .map(([name]) => name);

    expect(Object.keys(reviewed).sort()).toEqual([...new Set(withScripts)].sort());
    for (const name of ['build', 'prod-deps']) {
      const arg = stage(name).instructions.find(
        (i) => i.op === 'ARG' && i.args.startsWith('INSTALL_SCRIPTS_ALLOWED='),
      );
      expect(arg?.args).toBe(`INSTALL_SCRIPTS_ALLOWED="${approved.join(' ')}"`);
    }
  });

  it('ships the protos, finds them through LEDGERLINE_PROTO_DIR and listens on every interface', () => {
    const env = runtime?.instructions.find((i) => i.op === 'ENV')?.args ?? '';
    const copies = runtime?.instructions.filter((i) => i.op === 'COPY').map((i) => i.args) ?? [];

    expect(env).toContain('LEDGERLINE_PROTO_DIR=/app/proto');
    expect(env).toContain('GRPC_HOST=0.0.0.0');
    expect(copies).toContain('--from=build /app/proto ./proto');
  });

  it('runs as a non-root user', () => {
    const users = runtime?.instructions.filter((i) => i.op === 'USER') ?? [];

    expect(users.at(-1)?.args).toMatch(/^(node|[1-9]\d*)(:\S+)?$/);
  });

  it('checks health through the gRPC health service with scripts that are in the image', () => {
    const healthcheck = runtime?.instructions.find((i) => i.op === 'HEALTHCHECK')?.args ?? '';
    const copies = runtime?.instructions.filter((i) => i.op === 'COPY').map((i) => i.args) ?? [];
    const script = read('deploy/healthcheck.sh');

    expect(healthcheck).toContain('CMD ["sh", "deploy/healthcheck.sh"]');
    for (const file of ['deploy/healthcheck.sh', 'deploy/local/grpc-health.mjs']) {
      expect(copies).toContain(`--from=build /app/${file} ./${file}`);
      expect(existsSync(path.join(repo, file))).toBe(true);
    }
    expect(script).toContain('node deploy/local/grpc-health.mjs');
  });

  it('needs only production dependencies for the health check', () => {
    const { dependencies } = JSON.parse(read('package.json')) as {
      dependencies: Record<string, string>;
    };
    const imported = [
      ...read('deploy/local/grpc-health.mjs').matchAll(/require\('([^']+)'\)/g),
    ].map((m) => m[1] ?? '');

    expect(imported.length).toBeGreaterThan(0);
    for (const name of imported) expect(Object.keys(dependencies)).toContain(name);
  });

  it('keeps the build context free of what the image must not contain, but not of proto/', () => {
    const ignored = read('deploy/Dockerfile.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));

    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '.stack', '.git']));
    expect(ignored.some((l) => /^(\*\*\/)?proto\b/.test(l))).toBe(false);
  });
});
