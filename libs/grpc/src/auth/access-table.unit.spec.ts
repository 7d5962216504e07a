import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as protoLoader from '@grpc/proto-loader';
import { resolveProtoDir } from '@ledgerline/proto';
import { loadAccessTable, parseAccessTable } from './access-table';

const protoDir = resolveProtoDir();

const protoFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? protoFiles(join(dir, entry.name))
      : entry.name.endsWith('.proto')
        ? [relative(protoDir, join(dir, entry.name))]
        : [],
  );

/** Every method path of every service declared under proto/ledgerline. */
const declaredMethods = (): string[] => {
  const definition = protoLoader.loadSync(protoFiles(join(protoDir, 'ledgerline')), {
    includeDirs: [protoDir],
  });
  return Object.values(definition).flatMap((entry) =>
    'format' in entry ? [] : Object.values(entry).map((method) => method.path),
  );
};

describe('the access table', () => {
  it('has a rule for every RPC declared in the .proto files, and none for RPCs that do not exist', () => {
    // given every method the contracts declare
    const declared = declaredMethods();

    // when the table is read
    const table = loadAccessTable(protoDir);

    // then each has exactly one rule and no rule is stale
    expect(declared.length).toBeGreaterThan(30);
    expect(declared.filter((path) => !table.methods.has(path))).toEqual([]);
    expect([...table.methods.keys()].filter((path) => !declared.includes(path))).toEqual([]);
  });

  it('refuses a rule naming a scope it does not define', () => {
    // given a table whose rule has a typo in its scope
    const table = {
      scopes: { 'orders:read': 'read orders' },
      methods: { 'x.v1.S': { Get: { scope: 'order:read', class: 'read' } } },
      workloads: {},
    };

    // when / then it is not loaded
    expect(() => parseAccessTable(table)).toThrow('methods.x.v1.S.Get: unknown scope "order:read"');
  });

  it('refuses an unknown rate-limit class and a workload scope it does not define', () => {
    const scopes = { 'orders:read': 'read orders' };
    expect(() =>
      parseAccessTable({
        scopes,
        methods: { 'x.v1.S': { Get: { scope: 'orders:read', class: 'bulk' } } },
        workloads: {},
      }),
    ).toThrow('class must be one of read, write, admin');
    expect(() =>
      parseAccessTable({ scopes, methods: {}, workloads: { checkout: ['funds:settle'] } }),
    ).toThrow('workloads.checkout: unknown scope "funds:settle"');
  });
});
