import { type Logger } from './logger';

export interface ShutdownHookOptions {
  /** Runs after the server drained: close pools, producers, consumers. */
  readonly onShutdown?: () => Promise<void>;
  readonly signals?: readonly NodeJS.Signals[];
  /** Injected so tests can observe the exit instead of ending the test process. */
  readonly exit?: (code: number) => void;
}

/**
 * On SIGTERM/SIGINT: drain the server, run onShutdown, exit 0 (1 if cleanup failed). A second
 * signal exits at once, for when an operator gives up on a stuck drain. Returns an uninstaller.
 */
export const installShutdownHooks = (
  handle: { shutdown(): Promise<void> },
  logger: Logger,
  options: ShutdownHookOptions = {},
): (() => void) => {
  const { signals = ['SIGTERM', 'SIGINT'], exit = (code: number) => process.exit(code) } = options;
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.warn({ signal }, 'second signal during shutdown; exiting now');
      exit(1);
      return;
    }
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    handle
      .shutdown()
      .then(() => options.onShutdown?.())
      .then(
        () => exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          exit(1);
        },
      );
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
};
