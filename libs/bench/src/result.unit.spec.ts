import { figure, parseResultLines, resultLine } from './result';
import { depositResult } from './fixtures/results';

describe('a figure with a target', () => {
  it('is met when the value is on the right side of the limit', () => {
    expect(figure('a', 'A', 75, '%', { op: '>=', limit: 70 }).target?.met).toBe(true);
    expect(figure('a', 'A', 65, '%', { op: '>=', limit: 70 }).target?.met).toBe(false);
    expect(figure('b', 'B', 10, 'ms', { op: '<=', limit: 10 }).target?.met).toBe(true);
    expect(figure('b', 'B', 10.1, 'ms', { op: '<=', limit: 10 }).target?.met).toBe(false);
  });

  it('is missed when its other condition fails, whatever the number', () => {
    const f = figure('v', 'view p99', 50, 'ms', { op: '<=', limit: 100, met: false });
    expect(f.target).toEqual({ op: '<=', limit: 100, met: false });
  });

  it('records an unmeasured value as null and the target as missed', () => {
    const f = figure('p', 'p99', Number.NaN, 'ms', { op: '<=', limit: 10 });
    expect(f.value).toBeNull();
    expect(f.target?.met).toBe(false);
  });

  it('has no target when none is given', () => {
    expect(figure('r', 'rate', 5, '/s')).toEqual({ key: 'r', label: 'rate', value: 5, unit: '/s' });
  });
});

describe('result lines', () => {
  it('round-trip through a benchmark output among its other lines', () => {
    const result = depositResult(41, 18.2);
    const output = ['| measure | value |', resultLine(result), 'done', ''].join('\n');
    expect(parseResultLines(output)).toEqual([result]);
  });

  it('ignore lines that only mention the prefix or carry no result', () => {
    const output = ['see BENCH_JSON below', 'BENCH_JSON {"hello":1}'].join('\n');
    expect(parseResultLines(output)).toEqual([]);
  });
});
