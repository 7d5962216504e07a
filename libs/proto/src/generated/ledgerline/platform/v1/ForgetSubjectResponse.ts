// Original file: proto/ledgerline/platform/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface ForgetSubjectResponse {
  /**
   * True when the subject had been forgotten before (nothing changed but the record).
   */
  'alreadyForgotten'?: (boolean);
  /**
   * The subject's streams in this context.
   */
  'streams'?: (number | string | Long);
}

export interface ForgetSubjectResponse__Output {
  /**
   * True when the subject had been forgotten before (nothing changed but the record).
   */
  'alreadyForgotten': (boolean);
  /**
   * The subject's streams in this context.
   */
  'streams': (string);
}
