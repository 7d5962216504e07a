import { CommandQueueFull, KeyedMutex } from './keyed-mutex';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('KeyedMutex', () => {
  it('runs tasks of one key in order, one at a time, even when one fails', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const gate = deferred();
    const first = mutex.run('a', async () => {
      log.push('a1 start');
      await gate.promise;
      log.push('a1 end');
      throw new Error('a1 failed');
    });
    const second = mutex.run('a', () => {
      log.push('a2');
      return Promise.resolve(2);
    });
    const other = mutex.run('b', () => {
      log.push('b1');
      return Promise.resolve(1);
    });
    await other;
    expect(log).toEqual(['a1 start', 'b1']);
    gate.resolve();
    await expect(first).rejects.toThrow('a1 failed');
    await expect(second).resolves.toBe(2);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
    await Promise.resolve();
    expect(mutex.activeKeys).toBe(0);
  });

  it('given a key with the most waiters it allows, then the next task is refused at once', async () => {
    const mutex = new KeyedMutex(2);
    const gate = deferred();
    const accepted = [
      mutex.run('a', () => gate.promise),
      mutex.run('a', () => Promise.resolve()),
      mutex.run('a', () => Promise.resolve()),
    ];

    const refused = mutex.run('a', () => Promise.resolve());
    const otherKey = mutex.run('b', () => Promise.resolve('b ran'));

    await expect(refused).rejects.toBeInstanceOf(CommandQueueFull);
    await expect(refused).rejects.toMatchObject({ waiting: 2, reason: 'COMMAND_QUEUE_FULL' });
    const error = await refused.then(
      () => undefined,
      (e: CommandQueueFull) => e,
    );
    expect(error?.retryAfterMs).toBeGreaterThan(0);
    await expect(otherKey).resolves.toBe('b ran');
    gate.resolve();
    await Promise.all(accepted);
    await expect(mutex.run('a', () => Promise.resolve('after'))).resolves.toBe('after');
  });

  it('given waiters that finished, then their places are free again', async () => {
    const mutex = new KeyedMutex(1);
    const gate = deferred();
    const first = mutex.run('a', () => gate.promise);
    const second = mutex.run('a', () => Promise.resolve());
    await expect(mutex.run('a', () => Promise.resolve())).rejects.toBeInstanceOf(CommandQueueFull);

    gate.resolve();
    await Promise.all([first, second]);
    const gate2 = deferred();
    const third = mutex.run('a', () => gate2.promise);
    const fourth = mutex.run('a', () => Promise.resolve('queued'));
    gate2.resolve();

    await expect(Promise.all([third, fourth])).resolves.toEqual([undefined, 'queued']);
  });
});
