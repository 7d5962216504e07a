import * as grpc from '@grpc/grpc-js';
import { bearerTokenInterceptor, type ClientAuth, clientAuthFromEnv } from './auth/client-auth';
import { channelTarget, loadBalancingConfig } from './channel-target';

export interface ClientOptions {
  /** Applied to every call that sets no deadline of its own. Default 5 s. */
  readonly deadlineMs?: number;
  /** Retries after UNAVAILABLE (so up to retries + 1 attempts; grpc-js caps attempts at 5). */
  readonly retries?: number;
  /**
   * The channel's credentials and bearer token. Default: the environment's
   * (`clientAuthFromEnv`: GRPC_TLS, TLS_DIR, TLS_IDENTITY, LEDGERLINE_TOKEN).
   */
  readonly auth?: ClientAuth;
  readonly channelOptions?: grpc.ChannelOptions;
}

export type ClientConstructor<C extends grpc.Client> = new (
  address: string,
  credentials: grpc.ChannelCredentials,
  options?: grpc.ClientOptions,
) => C;

/**
 * Only UNAVAILABLE is retried: the server never started the work (or said so), whereas after
 * ABORTED, FAILED_PRECONDITION etc. repeating the same request cannot help or must be a decision
 * of the caller. `name: [{}]` applies the policy to every method of the channel.
 */
const retryPolicyConfig = (retries: number) => ({
  methodConfig: [
    {
      name: [{}],
      retryPolicy: {
        maxAttempts: retries + 1,
        initialBackoff: '0.1s',
        maxBackoff: '2s',
        backoffMultiplier: 2,
        retryableStatusCodes: ['UNAVAILABLE'],
      },
    },
  ],
});

export const retryServiceConfig = (retries: number): string =>
  JSON.stringify(retryPolicyConfig(retries));

/** Gives every call without a deadline one, so a hung server cannot hang its callers forever. */
export const defaultDeadlineInterceptor =
  (deadlineMs: number): grpc.Interceptor =>
  (options, nextCall) =>
    new grpc.InterceptingCall(
      nextCall(
        options.deadline === undefined
          ? { ...options, deadline: Date.now() + deadlineMs }
          : options,
      ),
    );

/**
 * A generated client (e.g. `pkg.ledgerline.platform.v1.ProbeService`) with Ledgerline defaults.
 * `address` is `host:port`, or several (`host:port,host:port`: replicas, called round robin; see
 * `channelTarget`).
 */
export const createClient = <C extends grpc.Client>(
  Client: ClientConstructor<C>,
  address: string,
  options: ClientOptions = {},
): C => {
  const { deadlineMs = 5_000, retries = 3 } = options;
  const target = channelTarget(address);
  const serviceConfig = {
    ...loadBalancingConfig(target),
    ...(retries > 0 && retryPolicyConfig(retries)),
  };
  const retryOptions: grpc.ChannelOptions = {
    'grpc.enable_retries': retries > 0 ? 1 : 0,
    ...(Object.keys(serviceConfig).length > 0 && {
      'grpc.service_config': JSON.stringify(serviceConfig),
    }),
  };
  const auth = options.auth ?? clientAuthFromEnv();
  return new Client(target.target, auth.credentials, {
    ...options.channelOptions,
    ...retryOptions,
    interceptors: [
      defaultDeadlineInterceptor(deadlineMs),
      ...(auth.token === undefined ? [] : [bearerTokenInterceptor(auth.token)]),
    ],
  });
};
