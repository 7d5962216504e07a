/** A domain event as the decider sees it: a type tag and its data, no storage concerns. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/**
 * The pure heart of an aggregate: `decide` turns a command and the current state into new events
 * (or throws a DomainError), `evolve` folds one event into the state. No clock, no ids, no I/O:
 * those arrive inside the command.
 */
export interface Decider<Command, State, Event extends DomainEvent> {
  readonly initialState: State;
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
}

export const fold = <State, Event extends DomainEvent>(
  decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
  from: State = decider.initialState,
): State => events.reduce((state, event) => decider.evolve(state, event), from);
