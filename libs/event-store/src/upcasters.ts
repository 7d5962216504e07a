/** Turns the data of one schema version of an event type into the next version's. */
export type Upcaster = (data: unknown) => unknown;

/**
 * Per event type, the ordered chain of upcasters: `chain[0]` turns v1 into v2, `chain[1]` v2 into
 * v3… The current schema version of a type is `chain.length + 1`; appends write that version.
 */
export type Upcasters = Readonly<Record<string, readonly Upcaster[]>>;

export const currentSchemaVersion = (upcasters: Upcasters, type: string): number =>
  (upcasters[type]?.length ?? 0) + 1;

/** Brings data written at `schemaVersion` up to the current version of its type. */
export const upcast = (
  upcasters: Upcasters,
  type: string,
  schemaVersion: number,
  data: unknown,
): unknown => {
  const chain = upcasters[type] ?? [];
  if (schemaVersion > chain.length + 1) {
    throw new Error(
      `event type ${type}: stored schema version ${schemaVersion} is newer than this code knows (${chain.length + 1})`,
    );
  }
  return chain.slice(schemaVersion - 1).reduce((value, step) => step(value), data);
};
