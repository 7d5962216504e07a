import type * as grpc from '@grpc/grpc-js';
import { int64, runCommand, toReceipt } from '@ledgerline/command-service';
import { parseId } from '@ledgerline/domain';
import { type EventStorePort } from '@ledgerline/event-store';
import {
  actsForAnyOwner,
  callDeadline,
  callerOf,
  type Logger,
  unaryHandlers,
} from '@ledgerline/grpc';
import {
  type OrderCommand,
  type OrderLineInput,
  orderDecider,
  orderStreamId,
} from '@ledgerline/orders-domain';
import { type commonV1, type ordersV1 } from '@ledgerline/proto';

export interface OrderHandlerDependencies {
  readonly store: EventStorePort;
  readonly logger: Logger;
}

const lineInput = (line: ordersV1.OrderLine__Output, index: number): OrderLineInput => ({
  sku: line.sku,
  description: line.description,
  quantity: line.quantity,
  unitPriceMinor: int64(`lines[${index}].unitPriceMinor`, line.unitPriceMinor),
});

/**
 * OrderCommandService: each handler maps its request to an order command stamped with the time
 * it arrived, and runs it on the order's stream. Field rules live in the decider; the transport
 * only reads proto values (int64 strings) and names the stream.
 */
export const orderCommandHandlers = ({
  store,
  logger,
}: OrderHandlerDependencies): ordersV1.OrderCommandServiceHandlers => {
  const unary = unaryHandlers({ logger });
  const now = () => ({ now: new Date().toISOString() });

  const execute = async (
    call: grpc.ServerUnaryCall<unknown, unknown>,
    request: { orderId: string; idempotencyKey: string },
    command: OrderCommand,
  ): Promise<{ receipt: commonV1.CommandReceipt }> => {
    // The stream is named after the id as the decider records it, so `ABC…` and `abc…` are one.
    const streamId = orderStreamId(parseId('orderId', request.orderId));
    const result = await runCommand({
      store,
      decider: orderDecider,
      streamId,
      command,
      metadata: call.metadata,
      idempotencyKey: request.idempotencyKey,
      deadline: callDeadline(call),
    });
    return { receipt: toReceipt(result) };
  };

  /**
   * A user placing an order is recorded as its placer; the checkout then pays on its behalf, from
   * an account it owns, unless it may act for any owner (an operator placing a customer's order).
   */
  const placerOf = (metadata: grpc.Metadata) => {
    const caller = callerOf(metadata);
    if (caller?.kind !== 'user') return {};
    return {
      placedBy: caller.subject,
      ...(actsForAnyOwner(caller) && { placerActsForAnyOwner: true }),
    };
  };

  return {
    PlaceOrder: unary((request, call) => {
      const placer = placerOf(call.metadata);
      return execute(call, request, {
        type: 'PlaceOrder',
        data: {
          orderId: request.orderId,
          customerId: request.customerId,
          merchantId: request.merchantId,
          customerAccountId: request.customerAccountId,
          merchantAccountId: request.merchantAccountId,
          currency: request.currency,
          lines: request.lines.map(lineInput),
          ...placer,
        },
        metadata: now(),
      });
    }),
    ConfirmOrder: unary((request, call) =>
      execute(call, request, {
        type: 'ConfirmOrder',
        data: { orderId: request.orderId, paymentId: request.paymentId },
        metadata: now(),
      }),
    ),
    CancelOrder: unary((request, call) =>
      execute(call, request, {
        type: 'CancelOrder',
        data: { orderId: request.orderId, reason: request.reason },
        metadata: now(),
      }),
    ),
    MarkOrderShipped: unary((request, call) =>
      execute(call, request, {
        type: 'MarkOrderShipped',
        data: {
          orderId: request.orderId,
          carrier: request.carrier,
          trackingNumber: request.trackingNumber,
        },
        metadata: now(),
      }),
    ),
  };
};
