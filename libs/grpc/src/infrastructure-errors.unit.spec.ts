import { isInfrastructureDown } from './infrastructure-errors';

const withCode = (code: string) => Object.assign(new Error('x'), { code });

/** An error shaped like @elastic/transport's, without importing the client. */
const searchError = (name: string, statusCode?: number) =>
  Object.assign(new Error('search failed'), {
    name,
    ...(statusCode !== undefined && { meta: { statusCode } }),
  });

describe('isInfrastructureDown', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '08006', '08001', '57P01', '57P03'])(
    'recognises %s',
    (code) => {
      expect(isInfrastructureDown(withCode(code))).toBe(true);
    },
  );

  describe('PostgreSQL out of capacity', () => {
    it.each([
      ['53300', 'too_many_connections (no free connection slot)'],
      ['53000', 'insufficient_resources'],
      ['53100', 'disk_full'],
      ['53200', 'out_of_memory'],
      ['57014', 'query_canceled (statement_timeout): rolled back, safe to retry'],
    ])('recognises %s, %s', (code) => {
      expect(isInfrastructureDown(withCode(code))).toBe(true);
    });

    it('treats 53400 configuration_limit_exceeded as not an outage: a retry fails the same way', () => {
      expect(isInfrastructureDown(withCode('53400'))).toBe(false);
    });
  });

  describe('pg and pg-pool failures that carry only a message', () => {
    it.each([
      'timeout exceeded when trying to connect',
      'Connection terminated unexpectedly',
      'Connection terminated due to connection timeout',
      'Connection terminated',
      'Client has encountered a connection error and is not queryable',
    ])('recognises "%s"', (message) => {
      expect(isInfrastructureDown(new Error(message))).toBe(true);
    });

    it('does not match a message that merely mentions a timeout', () => {
      expect(
        isInfrastructureDown(new Error('order timeout exceeded when trying to connect twice')),
      ).toBe(false);
    });

    it('does not read the message of an error that has a code of its own', () => {
      expect(
        isInfrastructureDown(Object.assign(new Error('Connection terminated'), { code: '23505' })),
      ).toBe(false);
    });
  });

  describe('Elasticsearch client errors, matched by name and status', () => {
    it.each(['ConnectionError', 'NoLivingConnectionsError', 'TimeoutError'])(
      'recognises %s',
      (name) => {
        expect(isInfrastructureDown(searchError(name))).toBe(true);
      },
    );

    it.each([429, 502, 503, 504])('recognises a ResponseError with status %i', (status) => {
      expect(isInfrastructureDown(searchError('ResponseError', status))).toBe(true);
    });

    it.each([400, 404, 409])('treats a ResponseError with status %i as not an outage', (status) => {
      expect(isInfrastructureDown(searchError('ResponseError', status))).toBe(false);
    });
  });

  it.each(['23505', '40001', '22P02', 'ENOENT'])('treats %s as not an outage', (code) => {
    expect(isInfrastructureDown(withCode(code))).toBe(false);
  });

  it('recognises an error named Unavailable', () => {
    expect(isInfrastructureDown(Object.assign(new Error('x'), { name: 'Unavailable' }))).toBe(true);
  });

  it('looks through causes and AggregateErrors', () => {
    const refused = withCode('ECONNREFUSED');

    expect(isInfrastructureDown(new Error('query failed', { cause: refused }))).toBe(true);
    expect(isInfrastructureDown(new AggregateError([withCode('ENOENT'), refused]))).toBe(true);
    expect(isInfrastructureDown(new Error('append failed', { cause: withCode('53300') }))).toBe(
      true,
    );
  });

  it('ignores plain errors and non-errors', () => {
    expect(isInfrastructureDown(new Error('boom'))).toBe(false);
    expect(isInfrastructureDown('ECONNREFUSED')).toBe(false);
    expect(isInfrastructureDown(undefined)).toBe(false);
  });
});
