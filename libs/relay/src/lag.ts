/** How far a relay is behind the event store (see PostgresEventStore.backlog). */
export interface RelayLag {
  /** Committed events not yet published (counted up to a cap, so a huge backlog stays cheap). */
  readonly events: number;
  /** Age of the oldest unpublished event, 0 when caught up. */
  readonly seconds: number;
}
