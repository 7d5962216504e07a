import { InvalidInput } from './errors';

// Control characters (Unicode Cc: C0 U+0000–U+001F including TAB, LF and CR, DEL, and C1
// U+0080–U+009F) and UTF-16 surrogates without their partner. Every free-text field Ledgerline
// accepts is a single line (references, reasons, SKUs, descriptions, carriers, keys), so none of
// them has a use for a control character; PostgreSQL refuses NUL in text and jsonb, and an
// unpaired surrogate is no Unicode text at all.
const NOT_TEXT = /\p{Cc}|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

/** What is wrong with `value` as text, or undefined when it is plain, well-formed text. */
export const textProblem = (value: string): string | undefined => {
  const found = NOT_TEXT.exec(value);
  if (!found) return undefined;
  const code = found[0].codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code >= 0xd800 && code <= 0xdfff
    ? `must be well-formed Unicode (unpaired surrogate ${hex} at index ${found.index})`
    : `must not contain control characters (${hex} at index ${found.index})`;
};

/** Refuses control characters and unpaired surrogates anywhere in `value`, naming the field. */
export const checkText = (field: string, value: string): string => {
  const problem = textProblem(value);
  if (problem !== undefined) throw new InvalidInput(field, problem);
  return value;
};

/**
 * Required single-line text: trimmed (surrounding spaces, tabs and line breaks are a copy-paste
 * artefact, not content), then non-empty, at most `maxLength` characters, and plain text.
 */
export const parseText = (field: string, value: string, maxLength: number): string => {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new InvalidInput(field, 'is required');
  if (trimmed.length > maxLength)
    throw new InvalidInput(field, `must be at most ${maxLength} characters`);
  return checkText(field, trimmed);
};

/** Optional text: absent and blank mean the same (proto3 sends '' for an unset string). */
export const parseOptionalText = (
  field: string,
  value: string | undefined,
  maxLength: number,
): string | null =>
  value === undefined || value.trim() === '' ? null : parseText(field, value, maxLength);
