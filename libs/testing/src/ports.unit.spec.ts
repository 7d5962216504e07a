import { createServer, type Server } from 'node:net';
import { freePort } from './ports';

const listenOn = (port: number): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

describe('freePort', () => {
  it('gives ports below the ephemeral range that a server can listen on', async () => {
    // Given twenty ports picked one after another
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));

    // When a server listens on each
    const servers = await Promise.all(ports.map(listenOn));
    await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));

    // Then every one was free and none lies where outgoing connections get their ports
    expect(ports.filter((port) => port >= 32_768)).toEqual([]);
  });
});
