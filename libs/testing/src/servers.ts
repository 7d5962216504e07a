import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startContainers } from './containers';

/** Where integration tests find the real servers. */
export interface Servers {
  readonly postgresUrl: string;
  readonly redisUrl: string;
  readonly kafkaBrokers: readonly string[];
  readonly elasticsearchUrl: string;
}

export const SERVER_VARIABLES = [
  'POSTGRES_URL',
  'REDIS_URL',
  'KAFKA_BROKERS',
  'ELASTICSEARCH_URL',
] as const;
export type ServerVariables = Record<(typeof SERVER_VARIABLES)[number], string>;

/** The folder holding nx.json, found from this file (source or bundle) or the working directory. */
const findWorkspaceRoot = (): string => {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
      if (existsSync(join(dir, 'nx.json'))) return dir;
    }
  }
  return process.cwd();
};

export const workspaceRoot = findWorkspaceRoot();

/** Parses the `export NAME=value` lines that `deploy/local/stack.sh up` writes. */
const readStackEnvFile = (): Partial<ServerVariables> => {
  const file = join(process.env['LEDGERLINE_STACK_DIR'] ?? join(workspaceRoot, '.stack'), 'env');
  if (!existsSync(file)) return {};
  const pairs = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => /^(?:export\s+)?([A-Z_]+)=["']?(.*?)["']?$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [match[1], match[2]]);
  return Object.fromEntries(pairs) as Partial<ServerVariables>;
};

const toServers = (v: ServerVariables): Servers => ({
  postgresUrl: v.POSTGRES_URL,
  redisUrl: v.REDIS_URL,
  kafkaBrokers: v.KAFKA_BROKERS.split(',').map((broker) => broker.trim()),
  elasticsearchUrl: v.ELASTICSEARCH_URL,
});

const complete = (v: Partial<ServerVariables>): v is ServerVariables =>
  SERVER_VARIABLES.every((name) => Boolean(v[name]));

let resolved: Promise<Servers> | undefined;

/**
 * The servers for this test run, in order of preference: the environment (what the local stack
 * exports), the local stack's env file, or, when neither exists and a Docker engine answers,
 * containers started with testcontainers. Never a fake.
 */
export const servers = (): Promise<Servers> => {
  resolved ??= (async () => {
    const fromEnv: Partial<ServerVariables> = {};
    for (const name of SERVER_VARIABLES) {
      const value = process.env[name];
      if (value) fromEnv[name] = value;
    }
    const merged = { ...readStackEnvFile(), ...fromEnv };
    if (complete(merged)) return toServers(merged);
    return toServers(await startContainers());
  })();
  return resolved;
};
