import fs from 'node:fs';
import path from 'node:path';

/**
 * Finds the proto/ folder holding every contract. LEDGERLINE_PROTO_DIR wins (container images
 * ship proto/ without the workspace). Otherwise walk up to the workspace root (the folder with
 * nx.json): from this file when run from source or jest, from the bundle's folder when esbuild
 * has inlined us into dist/services/<name>/main.js, and from the working directory as a last
 * resort.
 */
export const resolveProtoDir = (
  env: Readonly<Record<string, string | undefined>> = process.env,
  startDirs: readonly string[] = [__dirname, process.cwd()],
): string => {
  const configured = env['LEDGERLINE_PROTO_DIR'];
  if (configured) {
    if (!fs.existsSync(configured))
      throw new Error(`config: LEDGERLINE_PROTO_DIR points to missing folder "${configured}"`);
    return path.resolve(configured);
  }
  for (const start of startDirs) {
    const root = findWorkspaceRoot(start);
    if (root) return path.join(root, 'proto');
  }
  throw new Error(
    `config: LEDGERLINE_PROTO_DIR is required (no workspace root with nx.json above ${startDirs.join(', ')})`,
  );
};

const findWorkspaceRoot = (start: string): string | undefined => {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
};
