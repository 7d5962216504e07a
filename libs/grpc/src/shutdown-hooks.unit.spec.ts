import { installShutdownHooks } from './shutdown-hooks';
import { recordingLogger } from './testing/recording-logger';

// SIGUSR2 stands in for SIGTERM so a stray real signal cannot hit the test runner's handlers.
const SIGNAL = 'SIGUSR2';
const nextTick = () => new Promise((resolve) => setImmediate(resolve));

describe('installShutdownHooks', () => {
  it('drains the server, runs cleanup, then exits 0', async () => {
    const order: string[] = [];
    const exit = jest.fn((code: number) => order.push(`exit ${code}`));
    const uninstall = installShutdownHooks(
      { shutdown: () => Promise.resolve(void order.push('drained')) },
      recordingLogger(),
      { signals: [SIGNAL], exit, onShutdown: () => Promise.resolve(void order.push('cleanup')) },
    );

    try {
      process.emit(SIGNAL, SIGNAL);
      await nextTick();

      expect(order).toEqual(['drained', 'cleanup', 'exit 0']);
    } finally {
      uninstall();
    }
  });

  it('exits 1 at once on a second signal during a stuck drain', async () => {
    const exit = jest.fn();
    const uninstall = installShutdownHooks(
      { shutdown: () => new Promise<void>(() => undefined) },
      recordingLogger(),
      { signals: [SIGNAL], exit },
    );

    try {
      process.emit(SIGNAL, SIGNAL);
      process.emit(SIGNAL, SIGNAL);
      await nextTick();

      expect(exit).toHaveBeenCalledTimes(1);
      expect(exit).toHaveBeenCalledWith(1);
    } finally {
      uninstall();
    }
  });
});
