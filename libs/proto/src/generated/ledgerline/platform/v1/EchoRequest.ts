// Original file: proto/ledgerline/platform/v1/probe.proto


export interface EchoRequest {
  'message'?: (string);
  /**
   * Server-side delay before answering, to exercise deadlines and graceful shutdown.
   */
  'delayMs'?: (number);
}

export interface EchoRequest__Output {
  'message': (string);
  /**
   * Server-side delay before answering, to exercise deadlines and graceful shutdown.
   */
  'delayMs': (number);
}
