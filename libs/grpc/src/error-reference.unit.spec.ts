import { errorReference } from './error-reference';

const recording = () => {
  const lines: unknown[] = [];
  const log = (fields: unknown) => lines.push(fields);
  return { lines, logger: { info: log, warn: log, error: log } };
};

describe('errorReference', () => {
  it('given a recorded error, then callers see a reference and the log has the text, once', () => {
    // given
    const { lines, logger } = recording();
    const text = 'connect ECONNREFUSED 10.0.0.7:5432 (user ledgerline)';

    // when the same error is shown twice
    const first = errorReference(text, logger);
    const second = errorReference(text, logger);

    // then
    expect(first).toMatch(/^error \(ref [0-9a-f]{12}\)/);
    expect(first).not.toContain('10.0.0.7');
    expect(second).toBe(first);
    expect(lines).toEqual([{ ref: first.slice(11, 23), error: text }]);
  });

  it('given no error, then it shows nothing', () => {
    const { logger } = recording();
    expect(errorReference('', logger)).toBe('');
    expect(errorReference(undefined, logger)).toBe('');
  });
});
