// Original file: proto/google/rpc/status.proto

import type { Any as _google_protobuf_Any, Any__Output as _google_protobuf_Any__Output } from '../../google/protobuf/Any';

/**
 * The error model of gRPC rich errors: a code, a developer-facing message and typed details.
 */
export interface Status {
  /**
   * The status code, a value of google.rpc.Code (same numbers as grpc status codes).
   */
  'code'?: (number);
  'message'?: (string);
  /**
   * Detail messages such as BadRequest or ErrorInfo, packed as Any.
   */
  'details'?: (_google_protobuf_Any)[];
}

/**
 * The error model of gRPC rich errors: a code, a developer-facing message and typed details.
 */
export interface Status__Output {
  /**
   * The status code, a value of google.rpc.Code (same numbers as grpc status codes).
   */
  'code': (number);
  'message': (string);
  /**
   * Detail messages such as BadRequest or ErrorInfo, packed as Any.
   */
  'details': (_google_protobuf_Any__Output)[];
}
