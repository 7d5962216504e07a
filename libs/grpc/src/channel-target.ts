import { isIPv4, isIPv6 } from 'node:net';

/** What a client dials for an address setting, and whether it spreads calls over every backend. */
export interface ChannelTarget {
  /** The grpc-js target: `host:port` as given, or `ipv4:`/`ipv6:` with every replica. */
  readonly target: string;
  /** True when calls go round robin over every resolved address instead of to the first. */
  readonly roundRobin: boolean;
}

// grpc-js's resolvers; `host:port` has no scheme (a bare name's port is not one).
const SCHEME = /^(dns|ipv4|ipv6|unix|unix-abstract|vsock|xds):/;

const splitHostPort = (address: string): { host: string; port: string } => {
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(address);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2]! };
  const plain = /^([^:]+):(\d+)$/.exec(address);
  if (plain) return { host: plain[1]!, port: plain[2]! };
  throw new Error(`"${address}" is not host:port`);
};

/**
 * Turns an address setting into a channel target. One `host:port` stays as it is (one backend,
 * grpc-js's default pick_first). Several, `host:port,host:port`, become one `ipv4:`/`ipv6:`
 * target with round-robin balancing: grpc-js resolves only IP literals in a list, so `localhost`
 * is read as 127.0.0.1 and any other name is refused (a name for several replicas is one DNS
 * name resolving to all of them: `dns:///accounts:50051`). An explicit scheme (`dns:`, `ipv4:`…)
 * is passed through with round robin, so a DNS name's every address takes calls.
 *
 * TLS: grpc-js checks every backend's certificate against the target's first host (its default
 * authority), so replicas must share a name in their certificates: the local PKI's leaf
 * certificates carry IP:127.0.0.1 and DNS:localhost, a Kubernetes Service's name is one DNS name.
 */
export const channelTarget = (address: string): ChannelTarget => {
  const trimmed = address.trim();
  if (SCHEME.test(trimmed)) return { target: trimmed, roundRobin: true };
  const parts = trimmed
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) throw new Error('an address is required (host:port[,host:port…])');
  if (parts.length === 1) return { target: parts[0]!, roundRobin: false };
  const hosts = parts.map((part) => {
    const { host, port } = splitHostPort(part);
    const ip = host === 'localhost' ? '127.0.0.1' : host;
    if (isIPv4(ip)) return { family: 'ipv4', text: `${ip}:${port}` };
    if (isIPv6(ip)) return { family: 'ipv6', text: `[${ip}]:${port}` };
    throw new Error(
      `${address}: several addresses must be IP addresses (or localhost); for a name with ` +
        'several replicas give one DNS target, e.g. dns:///accounts:50051',
    );
  });
  const family = hosts[0]!.family;
  if (hosts.some((h) => h.family !== family))
    throw new Error(`${address}: mixes IPv4 and IPv6 addresses`);
  return { target: `${family}:${hosts.map((h) => h.text).join(',')}`, roundRobin: true };
};

/** The service config's load-balancing part: round robin, or nothing (grpc-js's pick_first). */
export const loadBalancingConfig = (
  target: ChannelTarget,
): { loadBalancingConfig?: { round_robin: Record<string, never> }[] } =>
  target.roundRobin ? { loadBalancingConfig: [{ round_robin: {} }] } : {};
