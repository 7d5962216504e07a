/** ISO 4217 currencies the platform settles in that have no minor unit. */
const ZERO_DECIMAL = new Set(['JPY', 'KRW']);

/** An amount in major units (12345 USD cents → 123.45), for analysts; minor units stay exact. */
export const majorUnits = (amountMinor: number, currency: string): number =>
  ZERO_DECIMAL.has(currency) ? amountMinor : amountMinor / 100;
