import { depositResult, runOf } from './fixtures/results';
import { figure } from './result';
import { summaryMarkdown, targetCounts } from './summary';

describe('the run summary', () => {
  it('lists every figure with its value, target and verdict', () => {
    const markdown = summaryMarkdown({ run: runOf([depositResult(72.4, 18.2)]), svgFile: 'x.svg' });
    expect(markdown).toContain('| DepositFunds over gRPC, 32 callers | 2,651 commands/s |  |  |');
    expect(markdown).toContain('| gRPC / raw appends | 72.4% | ≥ 70% — met |  |');
    expect(markdown).toContain('| latency at half load, p99 | 18.2 ms | ≤ 10 ms — **missed** |  |');
    expect(markdown).toContain('No earlier results');
    expect(markdown).toContain('![Throughput–latency curves](x.svg)');
    expect(markdown).toContain('Targets: 1 met, 1 missed.');
  });

  it('puts the previous run’s figure and the change beside each figure', () => {
    const markdown = summaryMarkdown({
      run: runOf([depositResult(72, 9)]),
      previous: { file: '2026-12-06T09-00Z.json', run: runOf([depositResult(41, 18)]) },
      svgFile: 'x.svg',
    });
    expect(markdown).toContain('Previous figures from `2026-12-06T09-00Z.json`');
    expect(markdown).toContain('| gRPC / raw appends | 72% | ≥ 70% — met | 41% (+76%) |');
    expect(markdown).toContain(
      '| latency at half load, p99 | 9 ms | ≤ 10 ms — met | 18 ms (−50%) |',
    );
  });

  it('leaves the previous cell empty for a figure the earlier run did not have', () => {
    const current = depositResult(72, 9);
    const withNew = {
      ...current,
      figures: [...current.figures, figure('serviceCpu', 'service CPU per command', 201, 'µs')],
    };
    const markdown = summaryMarkdown({
      run: runOf([withNew]),
      previous: { file: 'p.json', run: runOf([depositResult(41, 18)]) },
      svgFile: 'x.svg',
    });
    expect(markdown).toContain('| service CPU per command | 201 µs |  |  |');
  });

  it('shows each curve as a table of offered rate, achieved rate and latencies', () => {
    const markdown = summaryMarkdown({ run: runOf([depositResult(72, 9)]), svgFile: 'x.svg' });
    expect(markdown).toContain('| offered (commands/s) | achieved | p50 | p99 |');
    expect(markdown).toContain('| 2,400 | 2,100 | 40 ms | 900 ms |');
  });

  it('names the benchmarks that failed with the end of their output', () => {
    const run = { ...runOf([]), failures: [{ name: 'relay', exitCode: 1, tail: 'Error: boom' }] };
    const markdown = summaryMarkdown({ run, svgFile: 'x.svg' });
    expect(markdown).toContain('## Failed');
    expect(markdown).toContain('- `relay` (exit 1):');
    expect(markdown).toContain('Error: boom');
  });

  it('escapes pipes in labels so a row keeps its cells', () => {
    const result = { ...depositResult(72, 9), figures: [figure('k', 'a | b', 1, 'ms')] };
    expect(summaryMarkdown({ run: runOf([result]), svgFile: 'x.svg' })).toContain(
      '| a \\| b | 1 ms |',
    );
  });
});

describe('target counts', () => {
  it('count met and missed targets across benchmarks', () => {
    expect(targetCounts(runOf([depositResult(72, 18), depositResult(30, 5)]))).toEqual({
      met: 2,
      missed: 2,
    });
  });
});
