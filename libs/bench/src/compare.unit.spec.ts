import { compare, previousFigure } from './compare';
import { depositResult, runOf } from './fixtures/results';
import { figure } from './result';

describe('comparing with a previous run', () => {
  const previous = runOf([depositResult(41, 18)]);

  it('finds the same figure by benchmark name and key', () => {
    expect(previousFigure(previous, 'deposit', 'ratio')?.value).toBe(41);
    expect(previousFigure(previous, 'append', 'ratio')).toBeUndefined();
    expect(previousFigure(undefined, 'deposit', 'ratio')).toBeUndefined();
  });

  it('gives the relative change', () => {
    const now = figure('ratio', 'r', 82, '%');
    expect(compare(now, previousFigure(previous, 'deposit', 'ratio'))).toEqual({
      previous: 41,
      change: 1,
    });
  });

  it('gives no change when either side was not measured or the previous was 0', () => {
    expect(compare(figure('r', 'r', Number.NaN, '%'), figure('r', 'r', 4, '%')).change).toBeNull();
    expect(compare(figure('r', 'r', 3, '%'), figure('r', 'r', 0, '%')).change).toBeNull();
    expect(compare(figure('r', 'r', 3, '%'), undefined)).toEqual({ previous: null, change: null });
  });
});
