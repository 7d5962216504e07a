// Custom SQLSTATEs raised by the append functions and mapped to typed errors by the store.
export const SQLSTATE = {
  wrongExpectedVersion: 'LL001',
  idempotencyKeyConflict: 'LL002',
  duplicateEventId: 'LL003',
  notFirstWrite: 'LL004',
  appendOnly: 'LL005',
} as const;
