import { join } from 'node:path';
import {
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  expandScopes,
  knownScopes,
  mintToken,
  parseTtl,
  productionMarker,
  signingKeyFile,
} from '../auth/mint-token';
import { type Command, type CommandGroup, stringOption, UsageError } from '../command';

const required = (value: string | undefined, name: string): string => {
  if (!value) throw new UsageError(`missing --${name}; try platform auth token --help`);
  return value;
};

const usage = <T>(f: () => T): T => {
  try {
    return f();
  } catch (error) {
    throw error instanceof RangeError ? new UsageError(error.message) : error;
  }
};

const token: Command = {
  name: 'token',
  summary: 'mint a bearer token signed with the development key (never in production)',
  options: [
    { name: 'sub', type: 'string', description: 'subject: who the token speaks for' },
    {
      name: 'scope',
      type: 'string',
      description: 'space-separated scopes of proto/ledgerline/access.json, or all',
    },
    { name: 'ttl', type: 'string', description: 'lifetime: 90s, 15m, 2h, 1d', default: '15m' },
    {
      name: 'aud',
      type: 'string',
      description: 'audience',
      default: `$AUTH_AUDIENCE or ${DEFAULT_AUDIENCE}`,
    },
    {
      name: 'iss',
      type: 'string',
      description: 'issuer',
      default: `$AUTH_ISSUER or ${DEFAULT_ISSUER}`,
    },
    {
      name: 'kid',
      type: 'string',
      description: 'key id put into the header (tests of unknown keys)',
      default: 'the signing key’s',
    },
  ],
  details:
    'Signs an ES256 JWT with $TLS_DIR/jwt/signing-key.json (TLS_DIR defaults to ' +
    '${LEDGERLINE_STACK_DIR:-.stack}/pki, created by npm run up) with claims sub, scope, iss, ' +
    'aud, iat, nbf, exp and jti. Prints only the token, so that\n' +
    '  export LEDGERLINE_TOKEN=$(npx platform auth token --sub alice --scope "accounts:read")\n' +
    'works; --json prints {token, expiresAt, scopes}. Refused (exit 1) when LEDGERLINE_ENV or ' +
    'NODE_ENV is production: the development key is not a production issuer.',
  async run(parsed, context) {
    const marker = productionMarker(context.env);
    if (marker)
      throw new Error(
        `refusing to mint a token with the development key: ${marker}=production ` +
          '(production tokens come from the identity provider)',
      );
    const subject = required(stringOption(parsed, 'sub'), 'sub');
    const known = knownScopes(join(context.workspace, 'proto/ledgerline/access.json'));
    const scopes = usage(() =>
      expandScopes(required(stringOption(parsed, 'scope'), 'scope'), known),
    );
    const ttlSeconds = usage(() => parseTtl(stringOption(parsed, 'ttl') ?? '15m'));
    const kid = stringOption(parsed, 'kid');
    const { token: jwt, claims } = await mintToken({
      subject,
      scopes,
      ttlSeconds,
      issuer: stringOption(parsed, 'iss') ?? (context.env['AUTH_ISSUER'] || DEFAULT_ISSUER),
      audience: stringOption(parsed, 'aud') ?? (context.env['AUTH_AUDIENCE'] || DEFAULT_AUDIENCE),
      keyFile: signingKeyFile(context.env, context.workspace),
      ...(kid ? { kid } : {}),
    });
    return {
      data: { token: jwt, expiresAt: new Date(claims.exp * 1_000).toISOString(), scopes },
      text: jwt,
    };
  },
};

export const authGroup: CommandGroup = {
  name: 'auth',
  summary: 'development credentials: bearer tokens for calling the services',
  commands: [token],
};
