import { type googleRpc } from './generated';

/**
 * The google.rpc detail messages Ledgerline puts in error statuses, tagged with their message
 * name. `ErrorDetail` is what a decoder returns (every field present); `ErrorDetailInit` is
 * what a server builds (fields optional, as in the generated input types).
 */
export type ErrorDetail =
  | ({ type: 'ErrorInfo' } & googleRpc.ErrorInfo__Output)
  | ({ type: 'BadRequest' } & googleRpc.BadRequest__Output)
  | ({ type: 'PreconditionFailure' } & googleRpc.PreconditionFailure__Output)
  | ({ type: 'ResourceInfo' } & googleRpc.ResourceInfo__Output)
  | ({ type: 'RetryInfo' } & googleRpc.RetryInfo__Output)
  /** A detail of a type this decoder does not know; kept so nothing is silently dropped. */
  | { type: 'Unknown'; typeUrl: string; value: Buffer };

export type ErrorDetailInit =
  | ({ type: 'ErrorInfo' } & googleRpc.ErrorInfo)
  | ({ type: 'BadRequest' } & googleRpc.BadRequest)
  | ({ type: 'PreconditionFailure' } & googleRpc.PreconditionFailure)
  | ({ type: 'ResourceInfo' } & googleRpc.ResourceInfo)
  | ({ type: 'RetryInfo' } & googleRpc.RetryInfo);

export type KnownDetailType = ErrorDetailInit['type'];

export const KNOWN_DETAIL_TYPES: readonly KnownDetailType[] = [
  'ErrorInfo',
  'BadRequest',
  'PreconditionFailure',
  'ResourceInfo',
  'RetryInfo',
];

/** google.rpc.Status with its details unpacked. */
export interface RichStatus {
  readonly code: number;
  readonly message: string;
  readonly details: readonly ErrorDetail[];
}

/** The first detail of a given type, e.g. `findDetail(status.details, 'BadRequest')`. */
export const findDetail = <T extends ErrorDetail['type']>(
  details: readonly ErrorDetail[],
  type: T,
): Extract<ErrorDetail, { type: T }> | undefined =>
  details.find((detail): detail is Extract<ErrorDetail, { type: T }> => detail.type === type);
