// Original file: proto/ledgerline/common/v1/common.proto

import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from '../../../ledgerline/common/v1/CommandReceipt';
import type { Long } from '@grpc/proto-loader';

/**
 * What every command returns: where its events landed. Together these form a consistency token:
 * a query may pass it back to wait until the read model has applied this command.
 */
export interface CommandReceipt {
  /**
   * The stream the command wrote to, e.g. "account-01HZX…".
   */
  'streamId'?: (string);
  /**
   * The stream's version after the command.
   */
  'streamVersion'?: (number | string | Long);
  /**
   * The event store's global position of the command's last event.
   */
  'globalPosition'?: (number | string | Long);
  /**
   * True when the request repeated an earlier idempotency key: nothing new was written and this
   * is the original receipt.
   */
  'replayed'?: (boolean);
  /**
   * The event store transaction (xid8, decimal) that wrote the command's last event. With
   * global_position it places the command in the store's gap-safe order (transaction id, position),
   * which list views need to prove they applied everything up to it (ADR 0009). Empty when the
   * command recorded no event.
   */
  'transactionId'?: (string);
  /**
   * Further receipts this token also stands for, so that one token can carry the positions of
   * several event stores (each command service writes its own): e.g. a DepositFunds receipt
   * combined with a CreatePayment receipt. Only set on a token a client passes back; every query
   * service waits for the receipts of the stores its views read and ignores the others (ADR 0024).
   * Nested receipts are flattened; at most 16 in all.
   */
  'combined'?: (_ledgerline_common_v1_CommandReceipt)[];
}

/**
 * What every command returns: where its events landed. Together these form a consistency token:
 * a query may pass it back to wait until the read model has applied this command.
 */
export interface CommandReceipt__Output {
  /**
   * The stream the command wrote to, e.g. "account-01HZX…".
   */
  'streamId': (string);
  /**
   * The stream's version after the command.
   */
  'streamVersion': (string);
  /**
   * The event store's global position of the command's last event.
   */
  'globalPosition': (string);
  /**
   * True when the request repeated an earlier idempotency key: nothing new was written and this
   * is the original receipt.
   */
  'replayed': (boolean);
  /**
   * The event store transaction (xid8, decimal) that wrote the command's last event. With
   * global_position it places the command in the store's gap-safe order (transaction id, position),
   * which list views need to prove they applied everything up to it (ADR 0009). Empty when the
   * command recorded no event.
   */
  'transactionId': (string);
  /**
   * Further receipts this token also stands for, so that one token can carry the positions of
   * several event stores (each command service writes its own): e.g. a DepositFunds receipt
   * combined with a CreatePayment receipt. Only set on a token a client passes back; every query
   * service waits for the receipts of the stores its views read and ignores the others (ADR 0024).
   * Nested receipts are flattened; at most 16 in all.
   */
  'combined': (_ledgerline_common_v1_CommandReceipt__Output)[];
}
