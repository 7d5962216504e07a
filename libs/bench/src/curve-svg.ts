// The throughput–latency picture: one panel per curve (offered rate across, p50 and p99 up, on a
// log scale so the knee and the quiet p50 both stay readable). Plain SVG text, no dependencies.
import { formatNumber } from './format';
import type { Curve, CurvePoint } from './result';

const PANEL = { width: 480, height: 320, left: 72, right: 20, top: 44, bottom: 52 };
const SERIES = [
  { name: 'p50', colour: '#1f77b4', of: (p: CurvePoint) => p.p50 },
  { name: 'p99', colour: '#d62728', of: (p: CurvePoint) => p.p99 },
] as const;

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** 1, 2 or 5 times a power of ten, at least `raw`. */
export const niceStep = (raw: number): number => {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * power >= raw * (1 - 1e-9)) ?? 10;
  return step * power;
};

/** Ticks 0, step, 2·step… up to the first at or above `max` (about five of them). */
export const linearTicks = (max: number): number[] => {
  const step = niceStep(max / 5);
  const ticks = [0];
  while (ticks.at(-1)! < max) ticks.push(ticks.length * step);
  return ticks;
};

/** Decades covering [min, max]; with 1-2-5 steps when they span three decades or fewer. */
export const logTicks = (min: number, max: number): number[] => {
  const low = Math.floor(Math.log10(Math.max(min, 1e-3)));
  const high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(max, 1e-3))));
  const fine = high - low <= 3;
  const ticks: number[] = [];
  for (let e = low; e <= high; e++)
    for (const m of fine && e < high ? [1, 2, 5] : [1]) ticks.push(m * 10 ** e);
  return ticks;
};

const usable = (p: CurvePoint): boolean =>
  [p.offered, p.p50, p.p99].every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0);

const fixed = (n: number): string => n.toFixed(1);

const panel = (curve: Curve, index: number): string[] => {
  const x0 = index * PANEL.width;
  const plotW = PANEL.width - PANEL.left - PANEL.right;
  const plotH = PANEL.height - PANEL.top - PANEL.bottom;
  const points = curve.points.filter(usable).sort((a, b) => a.offered - b.offered);
  const title = `<text x="${x0 + PANEL.width / 2}" y="20" text-anchor="middle" font-weight="bold">${escapeXml(curve.label)}</text>`;
  if (points.length === 0)
    return [
      title,
      `<text x="${x0 + PANEL.width / 2}" y="${PANEL.height / 2}" text-anchor="middle">no points measured</text>`,
    ];
  const xTicks = linearTicks(Math.max(...points.map((p) => p.offered)));
  const xMax = xTicks.at(-1)!;
  const target = curve.p99Target;
  const latencies = [...points.flatMap((p) => [p.p50, p.p99]), ...(target ? [target] : [])].map(
    (v) => Math.max(v, 1e-3),
  );
  const yTicks = logTicks(Math.min(...latencies), Math.max(...latencies));
  const [yLow, yHigh] = [Math.log10(yTicks[0]!), Math.log10(yTicks.at(-1)!)];
  const px = (rate: number) => x0 + PANEL.left + (rate / xMax) * plotW;
  const py = (ms: number) =>
    PANEL.top + plotH - ((Math.log10(Math.max(ms, 1e-3)) - yLow) / (yHigh - yLow)) * plotH;
  const bottom = PANEL.top + plotH;
  const out = [title];
  for (const t of xTicks)
    out.push(
      `<line x1="${fixed(px(t))}" y1="${PANEL.top}" x2="${fixed(px(t))}" y2="${bottom}" stroke="#eee"/>`,
      `<text x="${fixed(px(t))}" y="${bottom + 16}" text-anchor="middle">${formatNumber(t)}</text>`,
    );
  for (const t of yTicks)
    out.push(
      `<line x1="${x0 + PANEL.left}" y1="${fixed(py(t))}" x2="${x0 + PANEL.left + plotW}" y2="${fixed(py(t))}" stroke="#eee"/>`,
      `<text x="${x0 + PANEL.left - 6}" y="${fixed(py(t) + 4)}" text-anchor="end">${formatNumber(t)}</text>`,
    );
  out.push(
    `<rect x="${x0 + PANEL.left}" y="${PANEL.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>`,
    `<text x="${x0 + PANEL.left + plotW / 2}" y="${PANEL.height - 12}" text-anchor="middle">offered rate (${escapeXml(curve.rateUnit)})</text>`,
    `<text transform="translate(${x0 + 16} ${PANEL.top + plotH / 2}) rotate(-90)" text-anchor="middle">latency (ms, log scale)</text>`,
  );
  if (target)
    out.push(
      `<line class="target" x1="${x0 + PANEL.left}" y1="${fixed(py(target))}" x2="${x0 + PANEL.left + plotW}" y2="${fixed(py(target))}" stroke="#d62728" stroke-dasharray="6 4"/>`,
      `<text x="${x0 + PANEL.left + plotW - 4}" y="${fixed(py(target) - 4)}" text-anchor="end" fill="#d62728">p99 target ${formatNumber(target)} ms</text>`,
    );
  SERIES.forEach((series, s) => {
    const coords = points.map((p) => `${fixed(px(p.offered))},${fixed(py(series.of(p)))}`);
    out.push(
      `<polyline class="${series.name}" points="${coords.join(' ')}" fill="none" stroke="${series.colour}" stroke-width="2"/>`,
      ...coords.map((c) => {
        const [cx, cy] = c.split(',');
        return `<circle cx="${cx}" cy="${cy}" r="3" fill="${series.colour}"/>`;
      }),
      `<line x1="${x0 + PANEL.left + 10}" y1="${PANEL.top + 14 + s * 16}" x2="${x0 + PANEL.left + 30}" y2="${PANEL.top + 14 + s * 16}" stroke="${series.colour}" stroke-width="2"/>`,
      `<text x="${x0 + PANEL.left + 34}" y="${PANEL.top + 18 + s * 16}">${series.name}</text>`,
    );
  });
  return out;
};

/** An SVG document with the curves side by side. */
export const curvesSvg = (curves: readonly Curve[]): string => {
  const width = Math.max(1, curves.length) * PANEL.width;
  const body =
    curves.length > 0 ? curves.flatMap(panel) : ['<text x="20" y="40">no curves measured</text>'];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${PANEL.height}" viewBox="0 0 ${width} ${PANEL.height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${PANEL.height}" fill="white"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
};
