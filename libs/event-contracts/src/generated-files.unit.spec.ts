import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(__dirname, '..', '..', '..');

describe('docs/events', () => {
  // Regenerates every schema and the AsyncAPI document from the domain types (a few seconds).
  it('is what the domain event types generate, with no breaking change to a published version', async () => {
    const run = promisify(execFile)(
      process.execPath,
      [join(root, 'tools/event-schemas.mjs'), '--check'],
      { cwd: root },
    );
    await expect(run).resolves.toMatchObject({ stderr: '' });
  }, 120_000);
});
