import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const deploy = join(__dirname, '..');
const repo = join(deploy, '..');

/**
 * promtool from the local stack (deploy/local/stack.sh up unpacks Debian's prometheus package
 * there; deploy/local/test.sh runs it before the tests), PROMTOOL, or PATH.
 */
const findPromtool = (): string => {
  const stackDir = process.env['LEDGERLINE_STACK_DIR'] ?? join(repo, '.stack');
  const candidates = [
    process.env['PROMTOOL'],
    join(stackDir, 'prometheus', 'root', 'usr', 'bin', 'promtool'),
    ...(process.env['PATH'] ?? '').split(delimiter).map((dir) => join(dir, 'promtool')),
  ];
  const found = candidates.find((file) => file && existsSync(file));
  if (!found)
    throw new Error(
      `promtool not found (looked in ${candidates.slice(0, 2).filter(Boolean).join(', ')} and PATH): run deploy/local/stack.sh up`,
    );
  return found;
};

const promtool = (...args: string[]) =>
  execFileSync(findPromtool(), args, { cwd: join(deploy, 'prometheus'), encoding: 'utf8' });

interface PlatformService {
  name: string;
  grpcPort: number;
  metricsPort?: number;
}
const platform = JSON.parse(readFileSync(join(deploy, 'platform.json'), 'utf8')) as {
  services: PlatformService[];
};

describe('the Prometheus configuration', () => {
  it('gives every service its own metrics port, apart from every gRPC port', () => {
    const metricsPorts = platform.services.map((s) => s.metricsPort);
    expect(metricsPorts.every((port) => Number.isInteger(port))).toBe(true);
    expect(new Set(metricsPorts).size).toBe(platform.services.length);
    const grpcPorts = new Set(platform.services.map((s) => s.grpcPort));
    expect(metricsPorts.filter((port) => grpcPorts.has(port!))).toEqual([]);
  });

  it('scrapes exactly the services of platform.json (the generated files are current)', () => {
    expect(() =>
      execFileSync(process.execPath, [join(deploy, 'prometheus', 'scrape-config.mjs')], {
        encoding: 'utf8',
        stdio: 'pipe',
      }),
    ).not.toThrow();
    const local = readFileSync(join(deploy, 'prometheus', 'prometheus.yml'), 'utf8');
    for (const s of platform.services)
      expect(local).toContain(
        `- job_name: ${s.name}\n    static_configs:\n      - targets: ['127.0.0.1:${s.metricsPort}']`,
      );
  });

  it.each(['prometheus.yml', 'prometheus.compose.yml'])(
    'passes promtool check config (%s)',
    (file) => {
      expect(promtool('check', 'config', file)).toMatch(/SUCCESS: .*is valid prometheus config/);
    },
  );

  it('has alert rules that pass promtool check rules', () => {
    expect(promtool('check', 'rules', 'alerts.yml')).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('has alert rules that pass their unit tests (promtool test rules)', () => {
    expect(promtool('test', 'rules', 'alerts.test.yml')).toMatch(/SUCCESS/);
  });
});
