import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { type Command, type CommandGroup } from '../command';
import { EXIT } from '../exit-codes';

const script = (action: 'up' | 'down' | 'status', summary: string): Command => ({
  name: action,
  summary,
  run(_parsed, context) {
    // The local stack's own script, its output passed through (with --json, to stderr).
    const result = spawnSync('bash', [join(context.workspace, 'deploy/local/stack.sh'), action], {
      cwd: context.workspace,
      stdio: ['ignore', context.json ? 'pipe' : 'inherit', 'inherit'],
      encoding: 'utf8',
    });
    if (context.json && result.stdout) context.stderr.write(result.stdout);
    const ok = result.status === 0;
    return Promise.resolve({
      data: { action, exitStatus: result.status },
      text: ok ? `stack ${action}: done` : `stack ${action}: failed (exit ${result.status})`,
      ...(ok ? {} : { exitCode: EXIT.partial }),
    });
  },
});

export const stackGroup: CommandGroup = {
  name: 'stack',
  summary: 'the local servers (PostgreSQL, Redis, Kafka, Elasticsearch)',
  commands: [
    script('up', 'provision and start the local servers'),
    script('down', 'stop them'),
    script('status', 'where each server listens and whether it runs'),
  ],
};
