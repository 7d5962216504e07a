// The markdown summary of a run: every figure with its target and, when an earlier run exists,
// the earlier figure beside it; the curves as tables; what failed.
import { compare, previousFigure } from './compare';
import { cell, formatChange, formatNumber, formatSeconds, formatValue } from './format';
import type { BenchResult, Curve, Figure } from './result';
import type { BenchRun } from './run';

export interface SummaryInput {
  readonly run: BenchRun;
  /** The earlier run and its file name, when bench-results/ has one. */
  readonly previous?: { readonly file: string; readonly run: BenchRun };
  /** Where the picture is, relative to the summary. */
  readonly svgFile: string;
}

const targetText = (figure: Figure): string =>
  figure.target
    ? `${figure.target.op === '>=' ? '≥' : '≤'} ${formatValue(figure.target.limit, figure.unit)} — ${figure.target.met ? 'met' : '**missed**'}`
    : '';

const figureRow = (bench: string, figure: Figure, previous: BenchRun | undefined): string => {
  const before = previousFigure(previous, bench, figure.key);
  const { change } = compare(figure, before);
  const previousText = before
    ? `${formatValue(before.value, before.unit)}${formatChange(change)}`
    : '';
  return `| ${cell(figure.label)} | ${formatValue(figure.value, figure.unit)} | ${targetText(figure)} | ${previousText} |`;
};

const curveTable = (curve: Curve): string[] => [
  '',
  `${curve.label}:`,
  '',
  `| offered (${curve.rateUnit}) | achieved | p50 | p99 |`,
  '| --- | --- | --- | --- |',
  ...curve.points.map(
    (p) =>
      `| ${formatNumber(p.offered)} | ${formatNumber(p.achieved)} | ${formatNumber(p.p50)} ms | ${formatNumber(p.p99)} ms |`,
  ),
];

const parametersText = (result: BenchResult): string =>
  Object.entries(result.parameters)
    .map(([name, value]) => `${name} ${String(value)}`)
    .join(', ');

const benchSection = (
  result: BenchResult,
  durationMs: number | undefined,
  previous: BenchRun | undefined,
): string[] => [
  '',
  `## ${result.name}${durationMs === undefined ? '' : ` (${formatSeconds(durationMs)})`}`,
  '',
  ...(parametersText(result) ? [`Parameters: ${parametersText(result)}.`, ''] : []),
  '| figure | value | target | previous |',
  '| --- | --- | --- | --- |',
  ...result.figures.map((f) => figureRow(result.name, f, previous)),
  ...result.curves.flatMap(curveTable),
];

export const targetCounts = (run: BenchRun): { met: number; missed: number } => {
  const targets = run.results.flatMap((r) =>
    r.figures.flatMap((f) => (f.target ? [f.target] : [])),
  );
  const met = targets.filter((t) => t.met).length;
  return { met, missed: targets.length - met };
};

export const summaryMarkdown = ({ run, previous, svgFile }: SummaryInput): string => {
  const { host } = run;
  const totalMs = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  const { met, missed } = targetCounts(run);
  const lines = [
    `# Benchmarks, ${run.startedAt}`,
    '',
    `\`npm run bench -- all\`: ${run.results.length} benchmarks in ${formatSeconds(totalMs)} on ${host.cpus} × ${host.model}, ${formatNumber(host.memoryGiB)} GiB, Node ${host.node}; load average ${formatNumber(host.loadAverage)} at the start (every server on the same host). Targets: ${met} met, ${missed} missed.`,
    '',
    previous
      ? `Previous figures from \`${previous.file}\` (change in brackets).`
      : 'No earlier results in this folder: nothing to compare with.',
    '',
    `![Throughput–latency curves](${svgFile})`,
    ...run.results.flatMap((r) => benchSection(r, run.durations[r.name], previous?.run)),
  ];
  if (run.failures.length > 0) {
    lines.push('', '## Failed', '');
    for (const failure of run.failures)
      lines.push(
        `- \`${failure.name}\` (exit ${String(failure.exitCode)}):`,
        '',
        '```text',
        failure.tail,
        '```',
      );
  }
  return `${lines.join('\n')}\n`;
};
