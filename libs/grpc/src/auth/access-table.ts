import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { type RpcClass } from '../overload/overloaded';

export interface MethodRule {
  readonly scope: string;
  readonly class: RpcClass;
}

/** proto/ledgerline/access.json: the scope each RPC needs and the scopes of each workload. */
export interface AccessTable {
  readonly scopes: ReadonlyMap<string, string>;
  /** By full method path, `/ledgerline.accounts.v1.AccountCommandService/OpenAccount`. */
  readonly methods: ReadonlyMap<string, MethodRule>;
  readonly workloads: ReadonlyMap<string, ReadonlySet<string>>;
}

export const ACCESS_TABLE_FILE = 'ledgerline/access.json';

const CLASSES: readonly string[] = ['read', 'write', 'admin'];

const fail = (where: string, why: string): never => {
  throw new Error(`${ACCESS_TABLE_FILE}: ${where}: ${why}`);
};

const objectAt = (value: unknown, where: string): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : fail(where, 'must be an object');

/** Validates the table as it is read: a typo in a scope must stop the service, not open it. */
export const parseAccessTable = (json: unknown): AccessTable => {
  const root = objectAt(json, 'root');
  const scopes = new Map(
    Object.entries(objectAt(root['scopes'], 'scopes')).map(([scope, text]) => [
      scope,
      typeof text === 'string' ? text : fail(`scopes.${scope}`, 'must be a description'),
    ]),
  );
  const known = (scope: unknown, where: string): string =>
    typeof scope === 'string' && scopes.has(scope)
      ? scope
      : fail(where, `unknown scope ${JSON.stringify(scope)}`);
  const methods = new Map<string, MethodRule>();
  for (const [service, rules] of Object.entries(objectAt(root['methods'], 'methods')))
    for (const [method, raw] of Object.entries(objectAt(rules, `methods.${service}`))) {
      const where = `methods.${service}.${method}`;
      const rule = objectAt(raw, where);
      const rpcClass = rule['class'];
      if (typeof rpcClass !== 'string' || !CLASSES.includes(rpcClass))
        fail(where, `class must be one of ${CLASSES.join(', ')}`);
      methods.set(`/${service}/${method}`, {
        scope: known(rule['scope'], where),
        class: rpcClass as RpcClass,
      });
    }
  const workloads = new Map<string, ReadonlySet<string>>();
  for (const [name, list] of Object.entries(objectAt(root['workloads'], 'workloads'))) {
    if (!Array.isArray(list)) fail(`workloads.${name}`, 'must be a list of scopes');
    const granted = (list as unknown[]).map((s) => known(s, `workloads.${name}`));
    workloads.set(name, new Set(granted));
  }
  return { scopes, methods, workloads };
};

export const loadAccessTable = (protoDir: string): AccessTable =>
  parseAccessTable(JSON.parse(readFileSync(join(protoDir, ACCESS_TABLE_FILE), 'utf8')));
