// What docker-compose.yml must say for one platform service of deploy/platform.json: the
// generator (compose-check.mjs --write) writes exactly this and the checks compare against it.

export const GENERATED_LABEL = 'dev.ledgerline.generated';
/** The one-shot service that makes the development key material (deploy/Dockerfile, dev-pki). */
export const PKI_SERVICE = 'pki';
/** Where the pki volume is mounted in every platform container, read-only. */
export const PKI_MOUNT = '/etc/ledgerline';
export const TLS_DIR = `${PKI_MOUNT}/pki`;
/** The development master key of personal data, made by the pki service next to the PKI. */
export const PRIVACY_KEK_FILE = `${PKI_MOUNT}/privacy/kek`;
/**
 * The one-shot service that migrates every schema as the owner role and grants each service's
 * role (docs/adr/0028-least-privilege-in-the-stores.md); services using PostgreSQL wait for it.
 */
export const MIGRATE_SERVICE = 'migrate';

/** A service's PostgreSQL role: `ledgerline_` and its name, dashes as underscores. */
export const postgresRoleOf = (name) => `ledgerline_${name.replace(/-/g, '_')}`;

/** A server's URL as a platform service gets it: PostgreSQL's names the service's own role. */
export const serverUrlFor = (svc, serverName, server) => {
  if (serverName !== 'postgres') return server.composeUrl;
  const url = new URL(server.composeUrl);
  url.username = postgresRoleOf(svc.name);
  return url.toString();
};

export const HEALTHCHECK = {
  test: ['CMD', 'sh', 'deploy/healthcheck.sh'],
  interval: '5s',
  timeout: '3s',
  retries: 12,
  start_period: '30s',
};

/** The environment every platform container gets, besides its servers' URLs. */
export const containerEnv = (svc) => ({
  GRPC_PORT: String(svc.grpcPort),
  // The code's default is 127.0.0.1 (right for host processes); a container must listen on
  // every interface or its published port and the other containers get connection refused.
  GRPC_HOST: '0.0.0.0',
  // Prometheus (deploy/prometheus/prometheus.compose.yml) scrapes <service>:<metricsPort>.
  ...(svc.metricsPort === undefined
    ? {}
    : { METRICS_HOST: '0.0.0.0', METRICS_PORT: String(svc.metricsPort) }),
  GRPC_TLS: 'mtls',
  TLS_DIR,
  TLS_IDENTITY: svc.name,
  AUTH_JWKS: `${TLS_DIR}/jwt/jwks.json`,
  // One master key for every service: the relays publish personal fields sealed and the query
  // services and the checkout open them with the data keys it wraps (docs/adr/0027).
  PRIVACY_KEK_FILE,
  // The image says production, which refuses the development token issuer and cursor secret
  // that this key material and `platform auth token` use.
  NODE_ENV: 'development',
});

/**
 * depends_on of a platform service: every server it uses (healthy when the server has a
 * healthcheck), the key material, and (checkout) the services it calls, healthy.
 */
export const dependsOn = (svc, servers, composeServices) => {
  const out = {};
  for (const name of svc.servers ?? Object.keys(servers))
    out[name] = {
      condition: composeServices?.[name]?.healthcheck ? 'service_healthy' : 'service_started',
    };
  out[PKI_SERVICE] = { condition: 'service_completed_successfully' };
  if ((svc.servers ?? Object.keys(servers)).includes('postgres'))
    out[MIGRATE_SERVICE] = { condition: 'service_completed_successfully' };
  for (const name of svc.calls ?? []) out[name] = { condition: 'service_healthy' };
  return out;
};

export const composeServiceFor = (svc, servers, composeServices) => {
  const environment = {};
  for (const name of svc.servers ?? Object.keys(servers))
    environment[servers[name].env] = serverUrlFor(svc, name, servers[name]);
  // `composeEnv` overrides `env` inside compose only (e.g. another service's address by its host name).
  Object.assign(environment, svc.env ?? {}, svc.composeEnv ?? {}, containerEnv(svc));
  return {
    build: { context: '.', dockerfile: 'deploy/Dockerfile', args: { SERVICE: svc.name } },
    image: `ledgerline/${svc.name}:local`,
    profiles: ['platform'],
    environment,
    ports: [`127.0.0.1:${svc.grpcPort}:${svc.grpcPort}`],
    volumes: [`${PKI_SERVICE}:${PKI_MOUNT}:ro`],
    healthcheck: HEALTHCHECK,
    depends_on: dependsOn(svc, servers, composeServices),
    labels: { [GENERATED_LABEL]: 'true' },
    restart: 'on-failure',
  };
};
