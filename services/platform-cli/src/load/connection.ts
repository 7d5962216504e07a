import { type ClientAuth, clientAuthFromEnv } from '@ledgerline/grpc';
import { parseId } from '@ledgerline/domain';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  mintToken,
  productionMarker,
  signingKeyFile,
} from '../auth/mint-token';
import { ADDRESS_VARIABLES, SERVICE_NAMES, type ServiceAddresses } from './clients';

type Env = Readonly<Record<string, string | undefined>>;

/** What a load run needs and nothing more: it acts as one customer owning its accounts. */
export const LOAD_SCOPES = [
  'accounts:write',
  'accounts:read',
  'funds:move',
  'orders:place',
  'orders:read',
  'payments:read',
] as const;

const stackDir = (env: Env, workspace: string) =>
  env['LEDGERLINE_STACK_DIR'] || join(workspace, '.stack');

/** `KEY=value` lines (an optional `export ` prefix) of a file; empty when it does not exist. */
const readEnvFile = (file: string): Record<string, string> => {
  if (!existsSync(file)) return {};
  const entries = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => /^(?:export\s+)?([A-Z0-9_]+)=(.*)$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [match[1]!, match[2]!.replace(/^['"]|['"]$/g, '')]);
  return Object.fromEntries(entries) as Record<string, string>;
};

const platformPorts = (workspace: string): Record<string, number> => {
  try {
    const platform = JSON.parse(readFileSync(join(workspace, 'deploy/platform.json'), 'utf8')) as {
      services?: { name: string; grpcPort: number }[];
    };
    return Object.fromEntries((platform.services ?? []).map((s) => [s.name, s.grpcPort]));
  } catch {
    return {};
  }
};

const FALLBACK_PORTS: Readonly<Record<string, number>> = {
  accounts: 15051,
  orders: 15053,
  'accounts-query': 15061,
  'orders-query': 15063,
  'payments-query': 15062,
};

/**
 * Where each service is: its variable (ACCOUNTS_ADDRESS…), else what `npm run up` wrote to
 * <stack>/services/addresses.env (every replica), else 127.0.0.1 and deploy/platform.json's port.
 */
export const serviceAddresses = (env: Env, workspace: string): ServiceAddresses => {
  const written = readEnvFile(join(stackDir(env, workspace), 'services', 'addresses.env'));
  const ports = { ...FALLBACK_PORTS, ...platformPorts(workspace) };
  const address = (key: keyof ServiceAddresses) => {
    const variable = ADDRESS_VARIABLES[key];
    return env[variable] || written[variable] || `127.0.0.1:${ports[SERVICE_NAMES[key]]}`;
  };
  return {
    accounts: address('accounts'),
    orders: address('orders'),
    accountsQuery: address('accountsQuery'),
    ordersQuery: address('ordersQuery'),
    paymentsQuery: address('paymentsQuery'),
  };
};

interface Credentials {
  readonly auth: ClientAuth;
  /** Owner of the accounts: the token's subject unless it may act for any owner. */
  readonly ownerId: string | undefined;
  /** Where the token came from, for the summary. */
  readonly token: 'LEDGERLINE_TOKEN' | 'minted' | 'none';
}

const claimsOf = (token: string): { sub?: unknown; scope?: unknown } => {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      sub?: unknown;
      scope?: unknown;
    };
  } catch {
    return {};
  }
};

/**
 * The channel of the environment (mTLS with TLS_DIR, default <stack>/pki, as the `operator`
 * identity) and a bearer token: LEDGERLINE_TOKEN, or one minted with the development key for a
 * fresh subject holding LOAD_SCOPES (never in production), or none when there is no key.
 */
export const loadCredentials = async (
  env: Env,
  workspace: string,
  ttlSeconds: number,
): Promise<Credentials> => {
  const pki = join(stackDir(env, workspace), 'pki');
  const channelEnv = { ...env, TLS_DIR: env['TLS_DIR'] || (existsSync(pki) ? pki : '') };
  const base = clientAuthFromEnv(channelEnv);
  const given = env['LEDGERLINE_TOKEN'];
  if (given) {
    const claims = claimsOf(given);
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
    const subject = typeof claims.sub === 'string' ? claims.sub : '';
    if (scopes.includes('owners:any'))
      return { auth: base, ownerId: undefined, token: 'LEDGERLINE_TOKEN' };
    try {
      return { auth: base, ownerId: parseId('sub', subject), token: 'LEDGERLINE_TOKEN' };
    } catch {
      throw new RangeError(
        `LEDGERLINE_TOKEN's subject "${subject}" is no UUID or ULID and the token lacks ` +
          'owners:any: the accounts the load opens could not be its own',
      );
    }
  }
  const keyFile = signingKeyFile(channelEnv, workspace);
  if (productionMarker(env) || !existsSync(keyFile))
    return { auth: base, ownerId: undefined, token: 'none' };
  const subject = randomUUID();
  const { token } = await mintToken({
    subject,
    scopes: LOAD_SCOPES,
    ttlSeconds,
    issuer: env['AUTH_ISSUER'] || DEFAULT_ISSUER,
    audience: env['AUTH_AUDIENCE'] || DEFAULT_AUDIENCE,
    keyFile,
  });
  return { auth: { ...base, token }, ownerId: subject, token: 'minted' };
};
