import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { type Contracts, generateContracts, reviewContracts, type SchemaOfType } from './contracts';

/** Where the published contracts live, from the repository root. */
export const CONTRACTS_DIR = 'docs/events';

export interface ToolOptions {
  readonly root: string;
  /** Only report: exit non-zero when the committed files are not what the types generate. */
  readonly check: boolean;
  readonly schemaOf: SchemaOfType;
  readonly log: (line: string) => void;
}

const filesUnder = (dir: string): string[] => {
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  } catch {
    return [];
  }
};

/** The generated files as the repository's Prettier settings print them. */
const formatted = async (root: string, contracts: Contracts): Promise<Contracts> => {
  const files = new Map<string, string>();
  for (const [path, content] of contracts.files) {
    const file = join(root, CONTRACTS_DIR, path);
    const options = (await resolveConfig(file)) ?? {};
    files.set(path, await format(content, { ...options, filepath: file }));
  }
  return { ...contracts, files };
};

/**
 * `node tools/event-schemas.mjs [--check]`: generates docs/events from the domain's event types
 * and reviews it against what is committed. Returns the process exit code.
 */
export const runEventSchemas = async (options: ToolOptions): Promise<number> => {
  const { root, log } = options;
  const dir = join(root, CONTRACTS_DIR);
  const generated = await formatted(root, generateContracts(options.schemaOf));
  const committed = new Map(
    filesUnder(dir)
      .filter((file) => file.endsWith('.json') || file.endsWith('.yaml'))
      .map((file) => [relative(dir, file), readFileSync(file, 'utf8')]),
  );
  const { writes, breaking } = reviewContracts(generated, committed);
  for (const problem of breaking) log(`event contracts: ${problem}`);
  if (options.check) {
    for (const path of writes.keys())
      log(
        `event contracts: ${CONTRACTS_DIR}/${path} is not what the domain types generate; ` +
          'run `node tools/event-schemas.mjs` and commit the result',
      );
    return breaking.length + writes.size === 0 ? 0 : 1;
  }
  for (const [path, content] of writes) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    log(`event contracts: wrote ${CONTRACTS_DIR}/${path}`);
  }
  return breaking.length === 0 ? 0 : 1;
};
