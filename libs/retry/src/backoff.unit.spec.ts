import { backoffDelay, sleep } from './backoff';

describe('backing off', () => {
  it('waits a random delay below a ceiling that doubles per attempt, up to the cap', () => {
    for (let attempt = 1; attempt < 30; attempt += 1) {
      const delay = backoffDelay(attempt, { baseMs: 100, maxMs: 1_000 });
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(Math.min(1_000, 100 * 2 ** attempt));
    }
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(3)));
    expect(spread.size).toBeGreaterThan(10); // jittered, not one value
  });

  it('sleeps until the signal aborts, and not at all once aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const slept = sleep(10_000, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await slept;
    expect(Date.now() - started).toBeLessThan(1_000);
    const again = Date.now();
    await sleep(10_000, controller.signal);
    expect(Date.now() - again).toBeLessThan(50);
  });
});
