import { randomUUID } from 'node:crypto';

/** A name no other test run uses: for streams, topics, consumer groups, schemas and indices. */
export const uniqueName = (prefix: string): string =>
  `${prefix}_${Date.now().toString(36)}_${randomUUID().slice(0, 8)}`.toLowerCase();
