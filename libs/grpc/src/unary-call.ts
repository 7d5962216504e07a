import * as grpc from '@grpc/grpc-js';
import { RpcError } from './rpc-error';

// A generated client's methods are overloaded; `infer` sees the last overload,
// (argument, callback), which is enough to recover the request and response types. Requiring
// exactly those two parameters leaves out streaming methods and grpc.Client's own methods.
type UnarySignature<F> = F extends (...args: infer P) => grpc.ClientUnaryCall
  ? P extends [infer Request, grpc.requestCallback<infer Response>]
    ? { request: Request; response: Response }
    : never
  : never;

export type UnaryMethodName<C> = {
  [K in keyof C]: [UnarySignature<C[K]>] extends [never] ? never : K;
}[keyof C] &
  string;
export type RequestOf<C, K extends keyof C> = UnarySignature<C[K]>['request'];
export type ResponseOf<C, K extends keyof C> = UnarySignature<C[K]>['response'];

export interface UnaryCallOptions {
  readonly metadata?: grpc.Metadata;
  /** Overrides the client's default deadline for this call. */
  readonly deadlineMs?: number;
  /** An absolute deadline, e.g. the incoming call's `callDeadline(call)`. */
  readonly deadline?: Date;
  /** Cancels the call, e.g. the incoming call's `callAbortSignal(call)`. */
  readonly signal?: AbortSignal;
}

type AnyUnaryMethod = (
  argument: unknown,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: grpc.requestCallback<unknown>,
) => grpc.ClientUnaryCall;

/** Calls a unary method and resolves with its response or rejects with an RpcError. */
export const unary = <C extends grpc.Client, K extends UnaryMethodName<C>>(
  client: C,
  method: K,
  request: RequestOf<C, K>,
  options: UnaryCallOptions = {},
): Promise<ResponseOf<C, K>> =>
  new Promise((resolve, reject) => {
    const deadline =
      options.deadline ??
      (options.deadlineMs === undefined ? undefined : new Date(Date.now() + options.deadlineMs));
    const invoke = client[method] as AnyUnaryMethod;
    const call = invoke.call(
      client,
      request,
      options.metadata ?? new grpc.Metadata(),
      deadline === undefined ? {} : { deadline },
      (error, response) => {
        options.signal?.removeEventListener('abort', cancel);
        if (error) reject(RpcError.from(error));
        else resolve(response as ResponseOf<C, K>);
      },
    );
    const cancel = () => call.cancel();
    if (options.signal?.aborted) cancel();
    else options.signal?.addEventListener('abort', cancel, { once: true });
  });
