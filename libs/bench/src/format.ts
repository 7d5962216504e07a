// How figures read in the summary: thousands separators, a few significant decimals, the unit.

/** 12,345 · 123 · 12.3 · 1.23 · 0.012 (at least three significant figures below 100). */
export const formatNumber = (value: number | null): string => {
  if (value === null) return 'n/a';
  const magnitude = Math.abs(value);
  const decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return value.toLocaleString('en', {
    minimumFractionDigits: 0,
    maximumFractionDigits: decimals,
  });
};

export const formatValue = (value: number | null, unit: string): string => {
  if (value === null) return 'n/a';
  return unit === '%' || unit === ''
    ? `${formatNumber(value)}${unit}`
    : `${formatNumber(value)} ${unit}`;
};

export const formatChange = (change: number | null): string => {
  if (change === null) return '';
  const percent = Math.round(change * 100);
  return percent === 0 ? ' (±0%)' : ` (${percent > 0 ? '+' : '−'}${Math.abs(percent)}%)`;
};

export const formatSeconds = (ms: number): string => {
  const seconds = Math.round(ms / 1000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`;
};

/** A table cell: pipes would end it, newlines would end the row. */
export const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
