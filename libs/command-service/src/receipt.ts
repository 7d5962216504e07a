import { type CommandResult } from '@ledgerline/event-store';
import { type commonV1 } from '@ledgerline/proto';

/** A command's consistency token: stream id, stream version and global position. */
export const toReceipt = (
  result: Pick<CommandResult<unknown>, 'streamId' | 'version' | 'position' | 'replayed'>,
): commonV1.CommandReceipt => ({
  streamId: result.streamId,
  streamVersion: String(result.version),
  globalPosition: String(result.position),
  replayed: result.replayed,
});
