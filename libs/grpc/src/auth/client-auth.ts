import * as grpc from '@grpc/grpc-js';
import { clientTlsCredentials, readTlsMaterial, tlsFilesIn } from './tls';

/** How a client proves who it is: its channel (mTLS or plaintext) and optionally a bearer token. */
export interface ClientAuth {
  readonly credentials: grpc.ChannelCredentials;
  /** Sent as `authorization: Bearer …` on every call; a function is asked per call. */
  readonly token?: string | (() => string);
}

export interface ClientAuthSettings {
  readonly GRPC_TLS: 'mtls' | 'off';
  readonly TLS_DIR: string;
  readonly TLS_IDENTITY: string;
}

/**
 * A workload's own identity (its certificate, no token): what a service presents when it calls
 * another, e.g. the checkout saga calling accounts.
 */
export const workloadClientAuth = (settings: ClientAuthSettings, name: string): ClientAuth => {
  if (settings.GRPC_TLS === 'off') return { credentials: grpc.credentials.createInsecure() };
  if (settings.TLS_DIR === '')
    throw new Error('TLS_DIR is required when GRPC_TLS=mtls (npm run up creates .stack/pki)');
  const identity = settings.TLS_IDENTITY === '' ? name : settings.TLS_IDENTITY;
  return {
    credentials: clientTlsCredentials(readTlsMaterial(tlsFilesIn(settings.TLS_DIR, identity))),
  };
};

/**
 * What a client that sets nothing uses (the CLI, benchmarks, tests): GRPC_TLS, TLS_DIR and
 * TLS_IDENTITY (default `operator`) for the channel and LEDGERLINE_TOKEN for the bearer token.
 */
export const clientAuthFromEnv = (
  env: Readonly<Record<string, string | undefined>> = process.env,
): ClientAuth => {
  const tls = env['GRPC_TLS'] === 'off' ? 'off' : 'mtls';
  const token = env['LEDGERLINE_TOKEN'];
  const base =
    tls === 'off' || !env['TLS_DIR']
      ? { credentials: grpc.credentials.createInsecure() }
      : workloadClientAuth(
          { GRPC_TLS: tls, TLS_DIR: env['TLS_DIR'], TLS_IDENTITY: env['TLS_IDENTITY'] ?? '' },
          'operator',
        );
  return token ? { ...base, token } : base;
};

/** The environment's channel with another bearer token: a test acting as a given customer. */
export const clientAuthWithToken = (
  token: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ClientAuth => ({ credentials: clientAuthFromEnv(env).credentials, token });

/** Adds the bearer token to every call (works on plaintext channels too, unlike call credentials). */
export const bearerTokenInterceptor =
  (token: string | (() => string)): grpc.Interceptor =>
  (options, nextCall) =>
    new grpc.InterceptingCall(nextCall(options), {
      start: (metadata, listener, next) => {
        metadata.set('authorization', `Bearer ${typeof token === 'function' ? token() : token}`);
        next(metadata, listener);
      },
    });
