/** Exhaustiveness guard: every `switch` over a union ends here so a new case fails to compile. */
export const assertNever = (value: never): never => {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
};
