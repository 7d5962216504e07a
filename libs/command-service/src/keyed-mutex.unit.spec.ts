import { KeyedMutex } from './keyed-mutex';

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
});
