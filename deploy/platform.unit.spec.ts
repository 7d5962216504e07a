import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ServiceEntry {
  readonly name: string;
  readonly grpcPort: number;
  readonly metricsPort?: number;
}

const platform = JSON.parse(readFileSync(path.join(__dirname, 'platform.json'), 'utf8')) as {
  services: ServiceEntry[];
};

// Linux hands out local ports for outgoing connections from 32768 (macOS and Windows from
// 49152). A listening port inside that range can be held by any process's connection, the
// platform's own pools included, and its service then fails to start until that one closes.
const FIRST_EPHEMERAL_PORT = 32_768;
// up.sh --replicas N puts replica i on port + 100·i.
const MAX_REPLICAS = 9;

describe('deploy/platform.json', () => {
  it('puts every service port, of every replica, below the ephemeral port range', () => {
    // Given every port a service or one of its replicas listens on
    const ports = platform.services.flatMap((service) =>
      [service.grpcPort, service.metricsPort ?? 0].flatMap((port) =>
        Array.from({ length: MAX_REPLICAS }, (_, replica) => ({
          where: `${service.name} replica ${replica}`,
          port: port + 100 * replica,
        })),
      ),
    );

    // When those at or above the first ephemeral port are picked out
    const ephemeral = ports.filter(({ port }) => port >= FIRST_EPHEMERAL_PORT);

    // Then there are none, and none is shared
    expect(ephemeral).toEqual([]);
    const taken = ports.filter(({ port }) => port > 100 * MAX_REPLICAS).map(({ port }) => port);
    expect(new Set(taken).size).toBe(taken.length);
  });
});
