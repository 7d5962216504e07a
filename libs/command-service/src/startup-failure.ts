type Describe = (detail: string, where: string) => string;

const BY_CODE: Readonly<Record<string, Describe>> = {
  ECONNREFUSED: (_, where) =>
    `cannot reach PostgreSQL${where} (connection refused): check POSTGRES_URL and that the server runs`,
  ENOTFOUND: (detail) => `cannot resolve the PostgreSQL host in POSTGRES_URL (${detail})`,
  EAI_AGAIN: (detail) => `cannot resolve the PostgreSQL host in POSTGRES_URL (${detail})`,
  '28P01': (detail) => `PostgreSQL rejected the credentials in POSTGRES_URL (${detail})`,
  '28000': (detail) => `PostgreSQL rejected the credentials in POSTGRES_URL (${detail})`,
  '3D000': (detail) => `the database named in POSTGRES_URL does not exist (${detail})`,
  EADDRINUSE: (detail) => `GRPC_PORT is already in use (${detail})`,
};

/**
 * One line for an operator when a service cannot start: which server, which setting, what
 * happened. Connection errors from pg carry `code` and `address`/`port`.
 */
export const describeStartupFailure = (error: unknown): string => {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: string;
    address?: string;
    port?: number;
    message?: string;
  };
  const where =
    e.address !== undefined ? ` at ${e.address}${e.port !== undefined ? `:${e.port}` : ''}` : '';
  const describe = e.code !== undefined ? BY_CODE[e.code] : undefined;
  const detail = e.message ?? e.code ?? String(error);
  return describe ? describe(detail, where) : `failed to start: ${detail}`;
};
