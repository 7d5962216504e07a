import { execFileSync } from 'node:child_process';
import path from 'node:path';

describe('generated proto types', () => {
  it('match the .proto files under proto/ (run `npm run proto:gen` if this fails)', () => {
    const root = path.resolve(__dirname, '../../..');

    expect(() =>
      execFileSync(process.execPath, ['tools/proto-gen.mjs', '--check'], {
        cwd: root,
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });
});
