import { progressLine, streamProgress } from './progress';

describe('the rebuild progress line', () => {
  it('shows done/total, the rate since this run started and the time left', () => {
    // given 40,000 of 100,000 events, 10,000 of them before a resume, 2 s into this run
    const line = progressLine({
      phase: 'fill',
      done: 40_000,
      total: 100_000,
      before: 10_000,
      elapsedMs: 2_000,
      width: 10,
    });
    // then the rate counts only this run's 30,000 events
    expect(line).toBe('fill [####......] 40% 40,000/100,000 events 15,000 events/s ETA 4s');
  });

  it('without a total shows the count and rate only', () => {
    expect(progressLine({ phase: 'catch-up', done: 500, total: undefined, elapsedMs: 1_000 })).toBe(
      'catch-up 500 events 500 events/s',
    );
  });
});

describe('progress on a stream', () => {
  const capture = (isTTY: boolean) => {
    const written: string[] = [];
    let now = 0;
    const progress = streamProgress(
      { write: (text: string) => written.push(text), isTTY },
      { intervalMs: 5_000, clock: { now: () => now } },
    );
    return { written, progress, tick: (ms: number) => (now += ms) };
  };

  it('redraws one line in place on a terminal', () => {
    const { written, progress, tick } = capture(true);
    progress.phase('fill', 100);
    tick(200);
    progress.advance(50);
    progress.end();
    expect(written.every((text) => text.startsWith('\r\x1b[2K') || text === '\n')).toBe(true);
    expect(written.at(-1)).toBe('\n');
  });

  it('writes a plain line per interval when not a terminal', () => {
    const { written, progress, tick } = capture(false);
    progress.phase('fill', 100);
    tick(1_000);
    progress.advance(10); // within the interval: no line
    tick(5_000);
    progress.advance(10);
    expect(written).toHaveLength(2);
    expect(written[1]).toMatch(/^fill \[.*\] 20% 20\/100 events \d+ events\/s ETA \d+s\n$/);
  });
});
