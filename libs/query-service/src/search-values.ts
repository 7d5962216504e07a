/**
 * The values Elasticsearch accepts in a filter, checked before the search is sent: a value the
 * index cannot parse fails the whole `_search` with a 400, which is the caller's mistake and must
 * be answered as INVALID_ARGUMENT naming the value, never as an error of the platform.
 */

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** An integer a `long` field holds: a safe JS integer, or a decimal string within int64. */
export const isInt64 = (value: unknown): value is number | string => {
  if (typeof value === 'number') return Number.isSafeInteger(value);
  if (typeof value !== 'string' || !/^-?\d{1,19}$/.test(value)) return false;
  const parsed = BigInt(value);
  return parsed >= INT64_MIN && parsed <= INT64_MAX;
};

// A calendar date, or a date and time with seconds and an explicit offset (RFC 3339): both are
// within what a `date` field's default format (strict_date_optional_time) parses, which is strict
// about the calendar too, so 2024-02-30 or 24:00 are refused here as there.
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2})))?$/;

const daysIn = (year: number, month: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

export const ISO_DATE_FORMS = 'YYYY-MM-DD or YYYY-MM-DDThh:mm:ss[.fraction] with Z or ±hh:mm';

/** A date or time in the forms of ISO_DATE_FORMS that names a real calendar day and time. */
export const isIsoDate = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0, offsetHours = 0, offsetMinutes = 0] =
    match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  return (
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= daysIn(year!, month!) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    // java.time's ZoneOffset, which Elasticsearch parses with, stops at ±18:00.
    offsetHours * 60 + offsetMinutes <= 18 * 60 &&
    offsetMinutes <= 59
  );
};
