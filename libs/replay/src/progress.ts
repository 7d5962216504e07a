/** Where a rebuild reports how far it is; the CLI renders it (TTY bar or plain lines). */
export interface ProgressReporter {
  /** A new phase (`fill`, `catch-up`, `verify`, `switch`), with its event total when known. */
  phase(name: string, total?: number, done?: number): void;
  advance(events: number): void;
}

export const silentProgress: ProgressReporter = {
  phase: () => undefined,
  advance: () => undefined,
};

interface Clock {
  now(): number;
}

const number = (n: number) => Math.round(n).toLocaleString('en-US');

const duration = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
};

/** The progress line's content: phase, done/total, percentage, rate and time left. */
export const progressLine = (input: {
  phase: string;
  done: number;
  total: number | undefined;
  elapsedMs: number;
  /** Events done before this run (a resumed rebuild): counted in done, not in the rate. */
  before?: number;
  width?: number;
}): string => {
  const since = input.done - (input.before ?? 0);
  const rate = input.elapsedMs > 0 ? (since / input.elapsedMs) * 1_000 : 0;
  const total = input.total && input.total > 0 ? Math.max(input.total, input.done) : undefined;
  const parts = [`${input.phase}`];
  if (total !== undefined) {
    const width = input.width ?? 30;
    const filled = Math.round((input.done / total) * width);
    parts.push(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`);
    parts.push(`${Math.floor((input.done / total) * 100)}%`);
    parts.push(`${number(input.done)}/${number(total)} events`);
  } else parts.push(`${number(input.done)} events`);
  parts.push(`${number(rate)} events/s`);
  if (total !== undefined)
    parts.push(`ETA ${rate > 0 ? duration((total - input.done) / rate) : '?'}`);
  return parts.join(' ');
};

/**
 * A bar redrawn in place on a terminal, or a plain line every `intervalMs` otherwise (logs,
 * CI): the same content either way.
 */
export const streamProgress = (
  out: { write(text: string): unknown; isTTY?: boolean },
  { intervalMs = 5_000, clock = Date }: { intervalMs?: number; clock?: Clock } = {},
): ProgressReporter & { end(): void } => {
  let phase = '';
  let total: number | undefined;
  let done = 0;
  let before = 0;
  let started = clock.now();
  let lastDraw = 0;
  const draw = (force = false) => {
    const now = clock.now();
    const every = out.isTTY ? 100 : intervalMs;
    if (!force && now - lastDraw < every) return;
    lastDraw = now;
    const line = progressLine({ phase, done, total, before, elapsedMs: now - started });
    out.write(out.isTTY ? `\r\x1b[2K${line}` : `${line}\n`);
  };
  const finishLine = () => {
    if (phase && out.isTTY) out.write('\n');
  };
  return {
    phase(name, phaseTotal, phaseDone = 0) {
      if (phase) {
        draw(true);
        finishLine();
      }
      phase = name;
      total = phaseTotal;
      done = phaseDone;
      before = phaseDone;
      started = clock.now();
      lastDraw = 0;
      draw(true);
    },
    advance(events) {
      done += events;
      draw();
    },
    end() {
      if (!phase) return;
      draw(true);
      finishLine();
      phase = '';
    },
  };
};
