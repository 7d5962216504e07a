import { InvalidInput, MAX_AMOUNT_MINOR, parsePositiveAmount, parseText } from '@ledgerline/domain';
import type { OrderLineInput } from './commands';
import type { OrderLine } from './state';

export const MAX_ORDER_LINES = 100;
export const MAX_LINE_QUANTITY = 10_000;
export const MAX_SKU_LENGTH = 64;
export const MAX_DESCRIPTION_LENGTH = 500;
export const MAX_REASON_LENGTH = 500;
export const MAX_SHIPPING_FIELD_LENGTH = 100;

const parseQuantity = (field: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_LINE_QUANTITY)
    throw new InvalidInput(field, `must be an integer from 1 to ${MAX_LINE_QUANTITY}`);
  return value;
};

/** Line totals are bounded like any amount, so the order total stays an exact integer. */
const parseLine = (line: OrderLineInput, index: number): OrderLine => {
  const field = `lines[${index}]`;
  const sku = parseText(`${field}.sku`, line.sku, MAX_SKU_LENGTH);
  const description = parseText(`${field}.description`, line.description, MAX_DESCRIPTION_LENGTH);
  const quantity = parseQuantity(`${field}.quantity`, line.quantity);
  const unitPriceMinor = parsePositiveAmount(`${field}.unitPriceMinor`, line.unitPriceMinor);
  const lineTotalMinor = quantity * unitPriceMinor;
  if (lineTotalMinor > MAX_AMOUNT_MINOR)
    throw new InvalidInput(field, `quantity × unit price must not exceed ${MAX_AMOUNT_MINOR}`);
  return { sku, description, quantity, unitPriceMinor, lineTotalMinor };
};

export const parseOrderLines = (
  lines: readonly OrderLineInput[],
): { lines: OrderLine[]; totalMinor: number } => {
  if (lines.length === 0) throw new InvalidInput('lines', 'must contain at least one line');
  if (lines.length > MAX_ORDER_LINES)
    throw new InvalidInput('lines', `must contain at most ${MAX_ORDER_LINES} lines`);
  const parsed = lines.map(parseLine);
  const totalMinor = parsed.reduce((total, line) => total + line.lineTotalMinor, 0);
  if (totalMinor > MAX_AMOUNT_MINOR)
    throw new InvalidInput('lines', `order total must not exceed ${MAX_AMOUNT_MINOR}`);
  return { lines: parsed, totalMinor };
};
