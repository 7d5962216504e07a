import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// libs/proto/buf-breaking.sh in a small repository of its own (git and buf, no servers).
const workspace = path.resolve(__dirname, '../../..');
const script = path.join(workspace, 'libs/proto/buf-breaking.sh');

const probeProto = (fields: string) => `syntax = "proto3";

package ledgerline.probe.v1;

service ProbeService {
  rpc Echo(EchoRequest) returns (EchoResponse);
}

message EchoRequest {
${fields}
}

message EchoResponse {
  string message = 1;
}
`;

let repo: string;
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd: repo,
    encoding: 'utf8',
  }).trim();
const commit = (fields: string, message: string) => {
  writeFileSync(path.join(repo, 'proto/ledgerline/probe/v1/probe.proto'), probeProto(fields));
  git('add', '-A');
  git('commit', '-q', '-m', message);
  return git('rev-parse', 'HEAD');
};
const run = (...args: string[]) => {
  const result = spawnSync('bash', [script, ...args], { cwd: repo, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

beforeEach(() => {
  repo = mkdtempSync(path.join(os.tmpdir(), 'buf-breaking-'));
  git('init', '-q', '-b', 'main');
  mkdirSync(path.join(repo, 'proto/ledgerline/probe/v1'), { recursive: true });
  writeFileSync(path.join(repo, 'proto/buf.yaml'), 'version: v2\nbreaking:\n  use:\n    - FILE\n');
  // buf from the workspace's node_modules, as npx --no-install finds it.
  symlinkSync(path.join(workspace, 'node_modules'), path.join(repo, 'node_modules'));
  writeFileSync(path.join(repo, '.gitignore'), 'node_modules\n');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('buf-breaking.sh on main', () => {
  it('compares with the previous commit, so a breaking commit on main fails', () => {
    const first = commit('  string message = 1;\n  uint32 delay_ms = 2;', 'contracts');
    commit('  string message = 1;', 'drop delay_ms');

    expect(run('--print-baseline').output).toBe(`${first} the previous commit\n`);
    const { status, output } = run();
    expect(status).not.toBe(0);
    expect(output).toContain('delay_ms');
  });

  it('passes a compatible commit on main', () => {
    commit('  string message = 1;', 'contracts');
    commit('  string message = 1;\n  uint32 delay_ms = 2;', 'add delay_ms');

    const { status, output } = run();

    expect(output).toContain('buf breaking: proto/ against the previous commit');
    expect(status).toBe(0);
  });

  it('compares with the last release tag when there is one', () => {
    const released = commit('  string message = 1;\n  uint32 delay_ms = 2;', 'contracts');
    git('tag', 'v1.0.0');
    commit('  string message = 1;\n  uint32 delay_ms = 2;\n  string note = 3;', 'add note');
    commit('  string message = 1;\n  string note = 3;', 'drop delay_ms');

    expect(run('--print-baseline').output).toBe(`${released} the last release tag v1.0.0\n`);
    expect(run().status).not.toBe(0);
  });

  it('skips, saying why, on a first commit', () => {
    commit('  string message = 1;', 'contracts');

    const { status, output } = run();

    expect(output).toContain('buf breaking: skipped, HEAD has no parent here');
    expect(status).toBe(0);
  });
});

describe('buf-breaking.sh on a branch', () => {
  it('compares with main', () => {
    const main = commit('  string message = 1;\n  uint32 delay_ms = 2;', 'contracts');
    git('checkout', '-q', '-b', 'feature');
    commit('  string message = 1;', 'drop delay_ms');

    expect(run('--print-baseline').output).toBe(`${main} main\n`);
    expect(run().status).not.toBe(0);
  });
});
