// Original file: proto/ledgerline/platform/v1/probe.proto


export interface EchoResponse {
  'message'?: (string);
  'correlationId'?: (string);
}

export interface EchoResponse__Output {
  'message': (string);
  'correlationId': (string);
}
