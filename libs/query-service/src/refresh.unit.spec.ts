import { createSharedRefresh } from './refresh';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

/** A refresh that records each start and ends when the test says so. */
const controlledRefresh = () => {
  const started: { index: string; done: () => void }[] = [];
  const refresh = (index: string) => {
    const gate = deferred();
    started.push({ index, done: gate.resolve });
    return gate.promise;
  };
  return { started, refresh };
};
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createSharedRefresh', () => {
  it('given many callers at once, then one refresh serves them all', async () => {
    const es = controlledRefresh();
    const shared = createSharedRefresh(es.refresh, { minIntervalMs: 0 });

    const callers = Array.from({ length: 100 }, () => shared.refresh('orders'));
    await tick();
    es.started[0]?.done();

    await Promise.all(callers);
    expect(es.started).toHaveLength(1);
  });

  it('given callers arriving while a refresh runs, then they share one more that starts after it', async () => {
    const es = controlledRefresh();
    const shared = createSharedRefresh(es.refresh, { minIntervalMs: 0 });
    let lateServed = false;

    const first = shared.refresh('orders');
    await tick();
    const late = Array.from({ length: 50 }, () => shared.refresh('orders'));
    void Promise.all(late).then(() => (lateServed = true));
    es.started[0]!.done();
    await first;
    await tick();

    // The running refresh may predate the late callers' writes: it does not serve them.
    expect(lateServed).toBe(false);
    expect(es.started).toHaveLength(2);
    es.started[1]!.done();
    await Promise.all(late);
  });

  it('given indices apart, then each has its own refresh', async () => {
    const es = controlledRefresh();
    const shared = createSharedRefresh(es.refresh, { minIntervalMs: 0 });

    const both = [shared.refresh('orders'), shared.refresh('payments')];
    await tick();
    es.started.forEach((s) => s.done());

    await Promise.all(both);
    expect(es.started.map((s) => s.index).sort()).toEqual(['orders', 'payments']);
  });

  it('given refreshes back to back, then they start at least the interval apart', async () => {
    const starts: number[] = [];
    const shared = createSharedRefresh(
      () => {
        starts.push(performance.now());
        return Promise.resolve();
      },
      { minIntervalMs: 50 },
    );

    await shared.refresh('orders');
    await shared.refresh('orders');

    expect(starts).toHaveLength(2);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(45);
  });

  it('given a failed refresh, then its callers see the failure and the next caller a new one', async () => {
    let calls = 0;
    const shared = createSharedRefresh(
      () => (++calls === 1 ? Promise.reject(new Error('es down')) : Promise.resolve()),
      { minIntervalMs: 0 },
    );

    await expect(shared.refresh('orders')).rejects.toThrow('es down');
    await expect(shared.refresh('orders')).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
