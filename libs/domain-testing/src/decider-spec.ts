import { fold, type Decider, type DomainEvent } from '@ledgerline/domain';

type ErrorClass<T extends Error> = abstract new (...args: never[]) => T;

/**
 * given(...events).when(command).then(events) / .thenThrows(ErrorClass, fields) against a
 * decider. The history is folded with `evolve`, so each test also exercises evolve.
 */
export const deciderSpec =
  <Command, State, Event extends DomainEvent>(decider: Decider<Command, State, Event>) =>
  (...history: Event[]) => ({
    when: (command: Command) => {
      const decide = () => decider.decide(command, fold(decider, history));
      return {
        then: (expected: readonly Event[]): void => {
          expect(decide()).toEqual(expected);
        },
        thenThrows: <T extends Error>(
          errorClass: ErrorClass<T>,
          fields: Partial<Record<keyof T, unknown>> = {},
        ): void => {
          let thrown: unknown;
          try {
            decide();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(errorClass);
          expect(thrown).toMatchObject(fields);
        },
      };
    },
  });
