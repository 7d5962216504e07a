import * as grpc from '@grpc/grpc-js';
import { decodeRichStatus, encodeRichStatus, type RichStatus } from '@ledgerline/proto';
import { type GrpcErrorSpec } from './error-mapping';

/** The trailer in which gRPC "rich errors" carry a serialized google.rpc.Status. */
export const STATUS_DETAILS_KEY = 'grpc-status-details-bin';

/** The error object a grpc-js handler callback takes, with the details in the trailer. */
export const toServiceError = (spec: GrpcErrorSpec): grpc.ServerErrorResponse => {
  const metadata = new grpc.Metadata();
  metadata.set(
    STATUS_DETAILS_KEY,
    encodeRichStatus({ code: spec.code, message: spec.message, details: spec.details ?? [] }),
  );
  return Object.assign(new Error(spec.message), {
    code: spec.code,
    details: spec.message,
    metadata,
  });
};

/** The google.rpc.Status in trailing metadata, or undefined when absent or unreadable. */
export const readRichStatus = (metadata: grpc.Metadata | undefined): RichStatus | undefined => {
  const [bytes] = metadata?.get(STATUS_DETAILS_KEY) ?? [];
  if (!Buffer.isBuffer(bytes)) return undefined;
  try {
    return decodeRichStatus(bytes);
  } catch {
    return undefined; // a malformed trailer from a foreign server must not hide its status code
  }
};
