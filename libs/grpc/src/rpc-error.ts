import * as grpc from '@grpc/grpc-js';
import { type ErrorDetail, type RichStatus } from '@ledgerline/proto';
import { readRichStatus } from './status-trailer';

/** A failed call as a client sees it: status code, message and the decoded google.rpc details. */
export class RpcError extends Error {
  override readonly name = 'RpcError';

  constructor(
    readonly code: grpc.status,
    readonly details: string,
    readonly metadata: grpc.Metadata,
    /** The google.rpc.Status from grpc-status-details-bin, if the server sent one. */
    readonly status: RichStatus | undefined,
  ) {
    super(`${grpc.status[code]}: ${details}`);
  }

  get errorDetails(): readonly ErrorDetail[] {
    return this.status?.details ?? [];
  }

  static from(error: grpc.ServiceError): RpcError {
    return new RpcError(error.code, error.details, error.metadata, readRichStatus(error.metadata));
  }
}
