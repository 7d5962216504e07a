import { InvalidInput, MAX_AMOUNT_MINOR } from '@ledgerline/domain';

/**
 * Reading proto3 values into domain inputs. proto3 cannot tell "unset" from "zero/empty", and
 * 64-bit integers arrive as decimal strings (libs/proto loads longs as String), so the checks
 * that matter for money and ids happen here, before any I/O, naming the field.
 */

/** An int64 carried as a decimal string, as a safe integer. */
export const int64 = (field: string, value: string | number | undefined): number => {
  const text = String(value ?? '0');
  if (!/^-?\d{1,19}$/.test(text)) throw new InvalidInput(field, 'must be an integer');
  const parsed = Number(text);
  if (!Number.isSafeInteger(parsed) || Math.abs(parsed) > MAX_AMOUNT_MINOR) {
    throw new InvalidInput(field, `must be between -${MAX_AMOUNT_MINOR} and ${MAX_AMOUNT_MINOR}`);
  }
  return parsed;
};

/** A required sub-message: proto3 leaves an absent one as null. */
export const required = <T>(field: string, value: T | null | undefined): T => {
  if (value === null || value === undefined) throw new InvalidInput(field, 'is required');
  return value;
};

/** An enum received as its name; an unknown number or the UNSPECIFIED zero value is rejected. */
export const enumValue = <Allowed extends string>(
  field: string,
  value: string | number | undefined,
  allowed: Readonly<Record<string, Allowed>>,
): Allowed => {
  const mapped = typeof value === 'string' ? allowed[value] : undefined;
  if (mapped === undefined) {
    throw new InvalidInput(field, `must be one of ${Object.keys(allowed).join(', ')}`);
  }
  return mapped;
};
