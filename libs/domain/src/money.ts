import { InvalidInput } from './errors';

/** Money is an integer count of the currency's minor units (cents, pence…): never a float. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: CurrencyCode;
}

export type CurrencyCode = string & { readonly __brand: 'CurrencyCode' };

/** ISO 4217 codes the platform settles in. Extending it is a deliberate product decision. */
export const SUPPORTED_CURRENCIES: ReadonlySet<string> = new Set([
  'AUD',
  'BRL',
  'CAD',
  'CHF',
  'CNY',
  'CZK',
  'DKK',
  'EUR',
  'GBP',
  'HKD',
  'INR',
  'JPY',
  'KRW',
  'MXN',
  'NOK',
  'NZD',
  'PLN',
  'SEK',
  'SGD',
  'USD',
  'ZAR',
]);

/** Upper bound for one amount: 10^13 minor units, far inside Number.MAX_SAFE_INTEGER. */
export const MAX_AMOUNT_MINOR = 10_000_000_000_000;

export const parseCurrency = (field: string, value: string): CurrencyCode => {
  if (!/^[A-Z]{3}$/.test(value))
    throw new InvalidInput(field, 'must be a three-letter ISO 4217 code');
  if (!SUPPORTED_CURRENCIES.has(value))
    throw new InvalidInput(field, `currency ${value} is not supported`);
  return value as CurrencyCode;
};

/** A strictly positive amount in minor units, bounded so sums can never lose precision. */
export const parsePositiveAmount = (field: string, value: number): number => {
  if (!Number.isSafeInteger(value))
    throw new InvalidInput(field, 'must be an integer number of minor units');
  if (value <= 0) throw new InvalidInput(field, 'must be greater than zero');
  if (value > MAX_AMOUNT_MINOR)
    throw new InvalidInput(field, `must not exceed ${MAX_AMOUNT_MINOR}`);
  return value;
};
