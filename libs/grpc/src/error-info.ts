import { type ErrorDetailInit } from '@ledgerline/proto';

/** The ErrorInfo domain of every status Ledgerline produces. */
export const ERROR_DOMAIN = 'ledgerline';

export const errorInfo = (
  reason: string,
  metadata: Record<string, string> = {},
): ErrorDetailInit => ({
  type: 'ErrorInfo',
  reason,
  domain: ERROR_DOMAIN,
  metadata,
});
