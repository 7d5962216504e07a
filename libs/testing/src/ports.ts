import { createServer } from 'node:net';

// The operating system hands out ports from its ephemeral range (Linux from 32768, macOS and
// Windows from 49152) to outgoing connections. A port picked there can be taken by any connection
// before the process under test binds it, or held for a pooled connection's whole life, and that
// process then fails with EADDRINUSE (ADR 0034). Test ports are picked below the range instead.
const LOWEST = 20_000;
const HIGHEST = 32_000;

// Every port handed out by this process: a port given to one server is not given to the next while
// the first has not bound it yet (a platform's services get theirs one after another).
const handedOut = new Set<number>();

const canListen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/**
 * A TCP port free on 127.0.0.1 right now, below the ephemeral range: only another listener can
 * take it before it is used (a race this narrow window leaves possible).
 */
export const freePort = async (): Promise<number> => {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (HIGHEST - LOWEST));
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port between ${LOWEST} and ${HIGHEST} on 127.0.0.1`);
};
