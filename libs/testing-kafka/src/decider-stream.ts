import { randomUUID } from 'node:crypto';
import { type Decider, type DomainEvent } from '@ledgerline/domain';
import { type RecordedEvent } from '@ledgerline/event-store';

// Shared by every stream in the test run, as the store's global position is.
let position = 0;

/**
 * One stream driven by its decider: `run` decides each command against the state so far and
 * returns the new events as the store would record them (next versions, rising positions), so
 * tests feed projections real domain events without a database.
 */
export const deciderStream = <Command, State, Event extends DomainEvent>(
  decider: Decider<Command, State, Event>,
  streamId: string,
) => {
  let state = decider.initialState;
  let version = 0;
  return {
    streamId,
    run(...commands: Command[]): RecordedEvent[] {
      return commands.flatMap((command) =>
        decider.decide(command, state).map((event) => {
          state = decider.evolve(state, event);
          version += 1;
          position += 1;
          const at = (event.data as { at?: string }).at;
          return {
            type: event.type,
            data: event.data,
            eventId: randomUUID(),
            streamId,
            streamVersion: version,
            globalPosition: position,
            transactionId: String(position),
            schemaVersion: 1,
            metadata: { correlationId: randomUUID() },
            recordedAt: at ? new Date(at) : new Date(),
          };
        }),
      );
    },
  };
};
