// Original file: proto/google/rpc/error_details.proto


/**
 * Why an error happened, as a stable UPPER_SNAKE_CASE reason within a domain.
 */
export interface ErrorInfo {
  'reason'?: (string);
  'domain'?: (string);
  'metadata'?: ({[key: string]: string});
}

/**
 * Why an error happened, as a stable UPPER_SNAKE_CASE reason within a domain.
 */
export interface ErrorInfo__Output {
  'reason': (string);
  'domain': (string);
  'metadata': ({[key: string]: string});
}
