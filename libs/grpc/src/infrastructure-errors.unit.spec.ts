import { isInfrastructureDown } from './infrastructure-errors';

const withCode = (code: string) => Object.assign(new Error('x'), { code });

describe('isInfrastructureDown', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '08006', '08001', '57P01', '57P03'])(
    'recognises %s',
    (code) => {
      expect(isInfrastructureDown(withCode(code))).toBe(true);
    },
  );

  it.each(['23505', '40001', '57014', 'ENOENT'])('treats %s as not an outage', (code) => {
    expect(isInfrastructureDown(withCode(code))).toBe(false);
  });

  it('recognises an error named Unavailable', () => {
    expect(isInfrastructureDown(Object.assign(new Error('x'), { name: 'Unavailable' }))).toBe(true);
  });

  it('looks through causes and AggregateErrors', () => {
    const refused = withCode('ECONNREFUSED');

    expect(isInfrastructureDown(new Error('query failed', { cause: refused }))).toBe(true);
    expect(isInfrastructureDown(new AggregateError([withCode('ENOENT'), refused]))).toBe(true);
  });

  it('ignores plain errors and non-errors', () => {
    expect(isInfrastructureDown(new Error('boom'))).toBe(false);
    expect(isInfrastructureDown('ECONNREFUSED')).toBe(false);
    expect(isInfrastructureDown(undefined)).toBe(false);
  });
});
