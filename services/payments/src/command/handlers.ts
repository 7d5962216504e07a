import type * as grpc from '@grpc/grpc-js';
import {
  checkSagaDerivedId,
  int64,
  onBehalfOf,
  runCommand,
  toReceipt,
} from '@ledgerline/command-service';
import { parseId } from '@ledgerline/domain';
import { type EventStorePort } from '@ledgerline/event-store';
import { callDeadline, callerOf, type Logger, unaryHandlers } from '@ledgerline/grpc';
import { type PaymentCommand, paymentDecider, paymentStreamId } from '@ledgerline/payments-domain';
import { type commonV1, type paymentsV1 } from '@ledgerline/proto';

export interface PaymentHandlerDependencies {
  readonly store: EventStorePort;
  readonly logger: Logger;
}

/**
 * PaymentCommandService: each handler maps its request to a payment command stamped with the
 * time it arrived, and runs it on the payment's stream. Field rules live in the decider; the
 * transport only reads proto values (int64 strings) and names the stream.
 */
export const paymentCommandHandlers = ({
  store,
  logger,
}: PaymentHandlerDependencies): paymentsV1.PaymentCommandServiceHandlers => {
  const unary = unaryHandlers({ logger });
  const now = () => ({ now: new Date().toISOString() });

  /**
   * Whose payment a new one is: the customer the checkout saga names (x-on-behalf-of, honoured
   * from sagas:act callers only), else a user caller's own subject; a workload's is nobody's.
   */
  const ownerOf = (metadata: grpc.Metadata): string | undefined => {
    const customer = onBehalfOf(metadata);
    if (customer !== undefined) return customer;
    const caller = callerOf(metadata);
    return caller?.kind === 'user' ? caller.subject : undefined;
  };

  const execute = async (
    call: grpc.ServerUnaryCall<unknown, unknown>,
    request: { paymentId: string; idempotencyKey: string },
    command: PaymentCommand,
  ): Promise<{ receipt: commonV1.CommandReceipt }> => {
    // The stream is named after the id as the decider records it, so `ABC…` and `abc…` are one.
    const streamId = paymentStreamId(parseId('paymentId', request.paymentId));
    const result = await runCommand({
      store,
      decider: paymentDecider,
      streamId,
      command,
      metadata: call.metadata,
      idempotencyKey: request.idempotencyKey,
      deadline: callDeadline(call),
    });
    return { receipt: toReceipt(result) };
  };

  return {
    CreatePayment: unary((request, call) => {
      checkSagaDerivedId(call.metadata, request.paymentId);
      const ownerId = ownerOf(call.metadata);
      return execute(call, request, {
        type: 'CreatePayment',
        data: {
          paymentId: request.paymentId,
          orderId: request.orderId,
          payerAccountId: request.payerAccountId,
          payeeAccountId: request.payeeAccountId,
          amount: int64('amount', request.amount),
          currency: request.currency,
          ...(ownerId !== undefined && { ownerId }),
        },
        metadata: now(),
      });
    }),
    AuthorizePayment: unary((request, call) =>
      execute(call, request, {
        type: 'AuthorizePayment',
        data: { paymentId: request.paymentId, reservationId: request.reservationId },
        metadata: now(),
      }),
    ),
    CapturePayment: unary((request, call) =>
      execute(call, request, {
        type: 'CapturePayment',
        data: { paymentId: request.paymentId },
        metadata: now(),
      }),
    ),
    FailPayment: unary((request, call) =>
      execute(call, request, {
        type: 'FailPayment',
        data: { paymentId: request.paymentId, reason: request.reason },
        metadata: now(),
      }),
    ),
    RefundPayment: unary((request, call) => {
      checkSagaDerivedId(call.metadata, request.refundId);
      return execute(call, request, {
        type: 'RefundPayment',
        data: {
          paymentId: request.paymentId,
          refundId: request.refundId,
          amount: int64('amount', request.amount),
        },
        metadata: now(),
      });
    }),
  };
};
