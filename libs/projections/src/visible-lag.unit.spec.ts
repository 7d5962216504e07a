import { quantile, visibleLagRecorder } from './visible-lag';

describe('visible lag', () => {
  it('takes nearest-rank quantiles', () => {
    // given a hundred lags of 1..100
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    // then p50 is the 50th and p99 the 99th; none for no values
    expect(quantile(values, 0.5)).toBe(50);
    expect(quantile(values, 0.99)).toBe(99);
    expect(quantile([7], 0.99)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('summarises the events made visible within the window only', () => {
    // given a recorder with a one-minute window
    const recorder = visibleLagRecorder('test.view', { windowMs: 60_000, capacity: 16 });
    const now = 1_000_000_000;
    // when an old batch and a recent one are recorded
    recorder.record([now - 120_000 - 9_000], now - 120_000);
    recorder.record([now - 2_000, now - 1_000, now - 40], now);
    // then only the recent batch counts, in seconds from commit to visible
    expect(recorder.summary(now)).toEqual({
      samples: 3,
      p50Seconds: 1,
      p99Seconds: 2,
      windowSeconds: 60,
    });
  });

  it('keeps the newest samples when more arrive than it holds, and never a negative lag', () => {
    // given a recorder that holds four samples
    const recorder = visibleLagRecorder('test.view', { capacity: 4 });
    const now = 2_000_000_000;
    // when six events are recorded, the last with a commit time ahead of this clock
    recorder.record(
      [now - 9_000, now - 8_000, now - 3_000, now - 2_000, now - 1_000, now + 50],
      now,
    );
    // then the four newest remain
    expect(recorder.summary(now)).toMatchObject({ samples: 4, p50Seconds: 1, p99Seconds: 3 });
  });
});
