import { Bulkhead } from './bulkhead';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('a bulkhead of two places', () => {
  it('lets two tasks run and queues the rest in arrival order', async () => {
    const bulkhead = new Bulkhead(2);
    const started: number[] = [];
    const finish: (() => void)[] = [];
    const tasks = [1, 2, 3, 4].map((n) =>
      bulkhead.run(async () => {
        started.push(n);
        await new Promise<void>((resolve) => finish.push(resolve));
      }),
    );
    await tick();
    expect({ started: [...started], inUse: bulkhead.inUse, queued: bulkhead.queued }).toEqual({
      started: [1, 2],
      inUse: 2,
      queued: 2,
    });
    finish[1]!();
    await tick();
    expect(started).toEqual([1, 2, 3]);
    finish[0]!();
    finish[2]!();
    await tick();
    finish[3]!();
    await Promise.all(tasks);
    expect({ started, inUse: bulkhead.inUse, queued: bulkhead.queued }).toEqual({
      started: [1, 2, 3, 4],
      inUse: 0,
      queued: 0,
    });
  });

  it('frees the place of a task that failed, and a release given twice frees one place', async () => {
    const bulkhead = new Bulkhead(2);
    await expect(bulkhead.run(() => Promise.reject(new Error('refused')))).rejects.toThrow();
    const release = await bulkhead.acquire();
    release();
    release();
    expect(bulkhead.inUse).toBe(0);
    await bulkhead.acquire();
    await bulkhead.acquire();
    expect(bulkhead.inUse).toBe(2);
  });

  it('refuses a limit below one', () => {
    expect(() => new Bulkhead(0)).toThrow(/positive integer/);
  });
});
