import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveProtoDir } from './proto-dir';

const workspaceRoot = path.resolve(__dirname, '../../..');

describe('resolveProtoDir', () => {
  it('uses LEDGERLINE_PROTO_DIR when set', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'protos-'));

    expect(resolveProtoDir({ LEDGERLINE_PROTO_DIR: dir })).toBe(dir);
  });

  it('names the variable when it points nowhere', () => {
    expect(() => resolveProtoDir({ LEDGERLINE_PROTO_DIR: '/nonexistent/protos' })).toThrow(
      'config: LEDGERLINE_PROTO_DIR points to missing folder "/nonexistent/protos"',
    );
  });

  it('finds proto/ from the source tree and from a bundled service folder', () => {
    expect(resolveProtoDir({})).toBe(path.join(workspaceRoot, 'proto'));
    expect(resolveProtoDir({}, [path.join(workspaceRoot, 'dist/services/accounts')])).toBe(
      path.join(workspaceRoot, 'proto'),
    );
  });

  it('asks for LEDGERLINE_PROTO_DIR outside a workspace', () => {
    expect(() => resolveProtoDir({}, [os.tmpdir()])).toThrow('LEDGERLINE_PROTO_DIR is required');
  });
});
