import { describeResetTarget, parseResetTarget } from './reset-target';

describe('reading `--to` of a projection reset', () => {
  it.each([
    ['start', { kind: 'start' }],
    ['1234', { kind: 'position', position: 1234 }],
    ['  0 ', { kind: 'position', position: 0 }],
    ['812/1234', { kind: 'checkpoint', checkpoint: { transactionId: '812', position: 1234 } }],
    ['2026-12-01T09:30:00Z', { kind: 'time', at: new Date('2026-12-01T09:30:00Z') }],
    ['2026-12-01T09:30:00.250+01:00', { kind: 'time', at: new Date('2026-12-01T08:30:00.250Z') }],
    ['2026-12-01', { kind: 'time', at: new Date('2026-12-01T00:00:00Z') }],
  ])('reads %j', (text, expected) => {
    expect(parseResetTarget(text)).toEqual(expected);
  });

  it.each(['', 'beginning', '-5', '12.5', '1/2/3', '2026-13-45T99:00:00Z', 'yesterday', '1e6'])(
    'refuses %j, naming the accepted forms',
    (text) => {
      expect(() => parseResetTarget(text)).toThrow(
        /^--to must be start, a global position \(1234\), a checkpoint .* or an ISO 8601 time/,
      );
    },
  );

  it('describes each target for the summary', () => {
    expect(describeResetTarget({ kind: 'start' })).toBe('the start');
    expect(describeResetTarget({ kind: 'position', position: 9 })).toBe('global position 9');
    expect(
      describeResetTarget({ kind: 'checkpoint', checkpoint: { transactionId: '7', position: 9 } }),
    ).toBe('checkpoint 7/9');
    expect(describeResetTarget({ kind: 'time', at: new Date('2026-12-01T09:30:00Z') })).toBe(
      '2026-12-01T09:30:00.000Z',
    );
  });
});
