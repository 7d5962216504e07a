import { randomUUID } from 'node:crypto';
import { accountStreamId, type TransferFunds, transferDecider } from '@ledgerline/accounts-domain';
import {
  actingFor,
  int64,
  required,
  runMultiStreamCommand,
  toReceipt,
} from '@ledgerline/command-service';
import { InvalidInput, parseId } from '@ledgerline/domain';
import { type PostgresEventStore } from '@ledgerline/event-store';
import { callDeadline, type unaryHandlers } from '@ledgerline/grpc';
import { type accountsV1 } from '@ledgerline/proto';
import { withMoneyFieldPaths } from './field-paths';
import { ownerCheck } from './ownership';

/**
 * TransferFunds: the request becomes one command over the source's and the destination's streams
 * (in that order), decided on both states and appended in one transaction (ADR 0022). Only the
 * source's owner may send money from it; anyone may be paid.
 */
export const transferFundsHandler = (
  store: PostgresEventStore,
  unary: ReturnType<typeof unaryHandlers>,
) =>
  unary<accountsV1.TransferFundsRequest__Output, accountsV1.TransferFundsResponse>(
    async (request, call) => {
      // The decider records normalised ids, so the streams are named after them too.
      const fromAccountId = parseId('fromAccountId', request.fromAccountId);
      const toAccountId = parseId('toAccountId', request.toAccountId);
      // The decider says so too, but two equal streams cannot even be loaded as a pair.
      if (fromAccountId === toAccountId)
        throw new InvalidInput('toAccountId', 'must differ from fromAccountId');
      const { amountMinor, currency } = required('amount', request.amount);
      const command: TransferFunds = {
        type: 'TransferFunds',
        data: {
          fromAccountId,
          toAccountId,
          amount: int64('amount.amountMinor', amountMinor),
          currency,
          reference: request.reference,
        },
        metadata: { now: new Date().toISOString(), transferId: randomUUID() },
      };
      const checkOwner = ownerCheck(actingFor(call.metadata));
      const result = await withMoneyFieldPaths(true, () =>
        runMultiStreamCommand({
          store,
          decider: transferDecider,
          streamIds: [accountStreamId(fromAccountId), accountStreamId(toAccountId)],
          command,
          metadata: call.metadata,
          idempotencyKey: request.idempotencyKey,
          deadline: callDeadline(call),
          authorize: ([source]) => source && checkOwner(source),
        }),
      );
      const [source, destination] = result.streams;
      if (!source || !destination) throw new Error('TransferFunds: a stream outcome is missing');
      const receipt = (stream: typeof source) =>
        toReceipt({ ...stream, replayed: result.replayed });
      const recorded = source.events[0]?.data as { transferId?: string } | undefined;
      return {
        sourceReceipt: receipt(source),
        destinationReceipt: receipt(destination),
        transferId: recorded?.transferId ?? '',
      };
    },
  );
