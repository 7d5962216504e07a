// Original file: proto/google/rpc/error_details.proto

import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../google/protobuf/Duration';

/**
 * When the client may retry a request.
 */
export interface RetryInfo {
  'retryDelay'?: (_google_protobuf_Duration | null);
}

/**
 * When the client may retry a request.
 */
export interface RetryInfo__Output {
  'retryDelay': (_google_protobuf_Duration__Output | null);
}
