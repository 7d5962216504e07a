import { type CommandResult } from '@ledgerline/event-store';
import { type commonV1 } from '@ledgerline/proto';

/** A command's consistency token: stream id, stream version and global position (ADR 0009). */
export const toReceipt = (
  result: Pick<CommandResult<unknown>, 'streamId' | 'version' | 'position' | 'replayed' | 'events'>,
): commonV1.CommandReceipt => ({
  streamId: result.streamId,
  streamVersion: String(result.version),
  globalPosition: String(result.position),
  replayed: result.replayed,
  transactionId: result.events[result.events.length - 1]?.transactionId ?? '',
});
