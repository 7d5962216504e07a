import * as grpc from '@grpc/grpc-js';
import { deadlinePassed } from './call-context';
import { type ErrorMappingOptions, toGrpcStatus } from './error-mapping';
import { toServiceError } from './status-trailer';

/** May answer synchronously or asynchronously; a throw and a rejection are handled alike. */
export type UnaryHandler<Request, Response> = (
  request: Request,
  call: grpc.ServerUnaryCall<Request, Response>,
) => Response | Promise<Response>;

/**
 * Turns an async function into a grpc-js unary handler: thrown errors become statuses with
 * google.rpc details (see toGrpcStatus), and a call that is already cancelled or past its
 * deadline never reaches the handler.
 */
export const unaryHandler =
  <Request, Response>(
    handler: UnaryHandler<Request, Response>,
    options: ErrorMappingOptions,
  ): grpc.handleUnaryCall<Request, Response> =>
  (call, callback) => {
    if (call.cancelled) return; // the client is gone; grpc-js has already ended the call
    if (deadlinePassed(call)) {
      callback({ code: grpc.status.DEADLINE_EXCEEDED, details: 'deadline exceeded before start' });
      return;
    }
    Promise.resolve()
      .then(() => handler(call.request, call))
      .then(
        (response) => {
          if (!call.cancelled) callback(null, response);
        },
        (error: unknown) => {
          // After a cancel the handler typically fails with an abort error: nobody to tell.
          if (!call.cancelled) callback(toServiceError(toGrpcStatus(error, options)));
        },
      );
  };

/** Binds the logger and error mappers once per service: `const unary = unaryHandlers(opts)`. */
export const unaryHandlers =
  (options: ErrorMappingOptions) =>
  <Request, Response>(handler: UnaryHandler<Request, Response>) =>
    unaryHandler(handler, options);
