import { curvesSvg, linearTicks, logTicks, niceStep } from './curve-svg';
import { depositResult } from './fixtures/results';
import type { Curve } from './result';

const deposit = depositResult(72, 9).curves[0]!;
const checkout: Curve = {
  key: 'checkout',
  label: 'Checkout <placed → confirmed>',
  rateUnit: 'checkouts/s',
  points: [
    { offered: 15, achieved: 15, p50: 120, p99: 300 },
    { offered: 60, achieved: 52, p50: 900, p99: 2_800 },
  ],
};

/** The x,y pairs of a polyline of the given class. */
const polyline = (svg: string, series: string): [number, number][] => {
  const points = new RegExp(`<polyline class="${series}" points="([^"]*)"`).exec(svg)?.[1] ?? '';
  return points.split(' ').map((pair) => pair.split(',').map(Number) as [number, number]);
};

describe('axis ticks', () => {
  it('step by 1, 2 or 5 times a power of ten', () => {
    expect([0.3, 1, 1.5, 3, 7, 23, 480].map(niceStep)).toEqual([0.5, 1, 2, 5, 10, 50, 500]);
  });

  it('cover the largest rate from zero', () => {
    expect(linearTicks(2_400)).toEqual([0, 500, 1_000, 1_500, 2_000, 2_500]);
    expect(linearTicks(60)).toEqual([0, 20, 40, 60]);
  });

  it('cover the latencies in decades, with 1-2-5 steps over a few decades', () => {
    expect(logTicks(1.2, 900)).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000]);
    expect(logTicks(0.5, 50_000)).toEqual([0.1, 1, 10, 100, 1_000, 10_000, 100_000]);
  });
});

describe('the curves picture', () => {
  const svg = curvesSvg([deposit, checkout]);

  it('is one SVG document with a panel per curve, side by side', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="960"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<polyline class="p50"/g)).toHaveLength(2);
    expect(svg.match(/<polyline class="p99"/g)).toHaveLength(2);
    expect(svg).toContain('offered rate (commands/s)');
    expect(svg).toContain('offered rate (checkouts/s)');
  });

  it('escapes text so labels cannot break the markup', () => {
    expect(svg).toContain('Checkout &lt;placed → confirmed&gt;');
    expect(svg).not.toContain('<placed');
  });

  it('draws rates left to right and higher latency higher up', () => {
    const p50 = polyline(svg, 'p50');
    const p99 = polyline(svg, 'p99');
    expect(p50).toHaveLength(3);
    expect(p50[0]![0]).toBeLessThan(p50[1]![0]);
    expect(p50[1]![0]).toBeLessThan(p50[2]![0]);
    // SVG y grows downwards: the p99 at each rate sits above (smaller y) its p50.
    p99.forEach(([, y], i) => expect(y).toBeLessThan(p50[i]![1]));
    // The overload point's p50 (40 ms) is above the quiet one (1.2 ms).
    expect(p50[2]![1]).toBeLessThan(p50[0]![1]);
  });

  it('draws the p99 target as a dashed line inside the latency range', () => {
    const withTarget = curvesSvg([{ ...checkout, p99Target: 500 }]);
    const y = Number(/<line class="target" x1="[\d.]+" y1="([\d.]+)"/.exec(withTarget)?.[1]);
    expect(withTarget).toContain('p99 target 500 ms');
    const [first, last] = [polyline(withTarget, 'p99')[0]!, polyline(withTarget, 'p99')[1]!];
    // 300 ms < 500 ms < 2,800 ms: the line sits between the two p99 points.
    expect(y).toBeLessThan(first[1]);
    expect(y).toBeGreaterThan(last[1]);
    expect(svg).not.toContain('class="target"');
  });

  it('keeps every point inside its panel', () => {
    for (const [x, y] of [...polyline(svg, 'p50'), ...polyline(svg, 'p99')]) {
      expect(x).toBeGreaterThanOrEqual(72);
      expect(x).toBeLessThanOrEqual(460);
      expect(y).toBeGreaterThanOrEqual(44);
      expect(y).toBeLessThanOrEqual(268);
    }
  });

  it('says so when a curve has no usable point, and when there are no curves', () => {
    const empty = curvesSvg([
      { ...checkout, points: [{ offered: 10, achieved: 0, p50: Number.NaN, p99: Number.NaN }] },
    ]);
    expect(empty).toContain('no points measured');
    expect(empty).not.toContain('<polyline');
    expect(curvesSvg([])).toContain('no curves measured');
  });
});
