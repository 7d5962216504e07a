// The Kubernetes objects of one platform service (deploy/platform.json), written to
// deploy/k8s/base/<name>.yaml by deploy/k8s/generate.mjs.

export const NAMESPACE = 'ledgerline';
/** GRPC_HEALTH_PORT in every pod: plaintext grpc.health.v1 only, for the kubelet's probes. */
export const HEALTH_PORT = 8081;
export const LIVENESS = 'ledgerline.liveness';
/** Partitions of every stream category's topic (libs/cloud-events, categoryTopicSpec). */
export const TOPIC_PARTITIONS = 6;
/** Pods with this label may call the platform's services (gateways, the operator's CLI). */
export const CALLER_LABEL = 'ledgerline.dev/caller';

// Sized from the README's benchmarks (2 vCPUs, mTLS and tokens on): a command costs the service
// ~510 µs of CPU (DepositFunds), so 500m serves ~980 commands/s and the HPA's 70% target adds a
// pod above ~690/s; a query pod's projector drains 3,000-3,700 events/s on one core, and cached
// reads are cheaper than commands. No CPU limit (throttling shows up as p99 latency); a memory
// limit so a leak restarts the pod instead of starving its node.
const ROLES = {
  command: {
    replicas: 2,
    maxReplicas: 10,
    resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { memory: '512Mi' } },
  },
  query: {
    replicas: 2,
    // Every query pod runs its projectors in the consumer group of each view: replicas beyond
    // the topic's partitions would hold no partition (they still serve reads).
    maxReplicas: TOPIC_PARTITIONS,
    resources: { requests: { cpu: '500m', memory: '384Mi' }, limits: { memory: '768Mi' } },
  },
  saga: {
    replicas: 2,
    maxReplicas: TOPIC_PARTITIONS,
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
  },
};

/** Where the cluster's Prometheus runs; its pods may scrape every service's metrics port. */
export const MONITORING_NAMESPACE = 'monitoring';

export const labelsOf = (svc) => ({
  'app.kubernetes.io/name': svc.name,
  'app.kubernetes.io/component': svc.role,
  'app.kubernetes.io/part-of': 'ledgerline',
});
const selectorOf = (name) => ({ 'app.kubernetes.io/name': name });

/**
 * Each process's PostgreSQL URL names its own role (docs/adr/0028-least-privilege-in-the-stores.md):
 * one key per service in this Secret, `owner` for the migrations; it overrides the shared
 * Secret's POSTGRES_URL.
 */
export const POSTGRES_ROLES_SECRET = 'ledgerline-postgres-roles';
export const postgresUrlOf = (key) => ({
  name: 'POSTGRES_URL',
  valueFrom: { secretKeyRef: { name: POSTGRES_ROLES_SECRET, key } },
});

const deployment = (svc, platform) => {
  const role = ROLES[svc.role];
  if (!role) throw new Error(`platform.json: service ${svc.name} has unknown role ${svc.role}`);
  const byName = new Map(platform.services.map((s) => [s.name, s]));
  const env = [
    { name: 'GRPC_PORT', value: String(svc.grpcPort) },
    // Prometheus scrapes every pod's /metrics here (annotations below; deploy/prometheus).
    { name: 'METRICS_HOST', value: '0.0.0.0' },
    { name: 'METRICS_PORT', value: String(svc.metricsPort) },
    { name: 'TLS_IDENTITY', value: svc.name },
    ...((svc.servers ?? ['postgres']).includes('postgres') ? [postgresUrlOf(svc.name)] : []),
    ...(svc.calls ?? []).map((callee) => ({
      name: `${callee.toUpperCase().replace(/-/g, '_')}_ADDRESS`,
      value: `${callee}:${byName.get(callee).grpcPort}`,
    })),
  ];
  const grpcProbe = (service, periodSeconds, failureThreshold) => ({
    grpc: { port: HEALTH_PORT, service },
    periodSeconds,
    timeoutSeconds: 2,
    failureThreshold,
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: svc.name, labels: labelsOf(svc) },
    spec: {
      replicas: role.replicas,
      selector: { matchLabels: selectorOf(svc.name) },
      // One new pod before an old one goes: capacity never drops during a rollout.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: {
          labels: labelsOf(svc),
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(svc.metricsPort),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          // The server drains calls for 10 s (libs/grpc), then the relay and consumers stop.
          terminationGracePeriodSeconds: 45,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 1000,
            fsGroup: 1000,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: svc.name,
              image: `ledgerline/${svc.name}`,
              ports: [
                { name: 'grpc', containerPort: svc.grpcPort },
                { name: 'health', containerPort: HEALTH_PORT },
                { name: 'metrics', containerPort: svc.metricsPort },
              ],
              env,
              envFrom: [
                { configMapRef: { name: 'ledgerline-platform' } },
                { secretRef: { name: 'ledgerline-servers' } },
              ],
              resources: role.resources,
              // Started once the server is bound (after its migrations): up to 2 minutes.
              startupProbe: grpcProbe(LIVENESS, 2, 60),
              // Restarted only when the process stops answering, never for a lost server.
              livenessProbe: grpcProbe(LIVENESS, 10, 3),
              // Out of the Service while it cannot serve (PostgreSQL lost, draining).
              readinessProbe: grpcProbe(svc.readiness, 5, 2),
              // Let endpoints drop the pod before the server stops taking calls.
              lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [
                { name: 'tls', mountPath: '/etc/ledgerline/tls', readOnly: true },
                { name: 'jwks', mountPath: '/etc/ledgerline/jwks', readOnly: true },
                { name: 'privacy', mountPath: '/etc/ledgerline/privacy', readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            {
              // Only this workload's key and certificate, and the CA, from the platform's Secret.
              name: 'tls',
              secret: {
                secretName: 'ledgerline-tls',
                defaultMode: 0o440,
                items: [
                  { key: 'ca.crt', path: 'ca.crt' },
                  { key: `${svc.name}.crt`, path: `${svc.name}.crt` },
                  { key: `${svc.name}.key`, path: `${svc.name}.key` },
                ],
              },
            },
            { name: 'jwks', secret: { secretName: 'ledgerline-jwks', defaultMode: 0o444 } },
            // The master key of personal data (PRIVACY_KEK_FILE): one for the whole platform, as
            // relays publish personal fields sealed and query services and the checkout open them.
            { name: 'privacy', secret: { secretName: 'ledgerline-privacy', defaultMode: 0o440 } },
            { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
          ],
        },
      },
    },
  };
};

const service = (svc) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: svc.name, labels: labelsOf(svc) },
  spec: {
    // Headless: DNS answers every ready pod's address, so a gRPC client (one long-lived HTTP/2
    // connection) can balance calls itself (round_robin) and drops a pod once it is unready.
    // A ClusterIP would pin each client connection to one pod until GRPC_MAX_CONNECTION_AGE_MS.
    clusterIP: 'None',
    selector: selectorOf(svc.name),
    ports: [{ name: 'grpc', port: svc.grpcPort, targetPort: 'grpc', appProtocol: 'grpc' }],
  },
});

const pdb = (svc) => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: svc.name, labels: labelsOf(svc) },
  // One pod at a time: with 2 replicas one always serves, with 1 (local) drains still proceed.
  spec: { maxUnavailable: 1, selector: { matchLabels: selectorOf(svc.name) } },
});

const hpa = (svc) => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: svc.name, labels: labelsOf(svc) },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: svc.name },
    minReplicas: ROLES[svc.role].replicas,
    maxReplicas: ROLES[svc.role].maxReplicas,
    metrics: [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
      },
    ],
    // Scale in slowly: every scale-in moves partitions between consumers (a rebalance).
    behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
  },
});

/** Who may call this service, and what it may reach: the servers it uses and its callees. */
const networkPolicy = (svc, platform) => {
  const callers = platform.services.filter((s) => (s.calls ?? []).includes(svc.name));
  const byName = new Map(platform.services.map((s) => [s.name, s]));
  const servers = (svc.servers ?? Object.keys(platform.servers)).map((n) => platform.servers[n]);
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: svc.name, labels: labelsOf(svc) },
    spec: {
      podSelector: { matchLabels: selectorOf(svc.name) },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [
            { namespaceSelector: {}, podSelector: { matchLabels: { [CALLER_LABEL]: 'true' } } },
            ...callers.map((c) => ({ podSelector: { matchLabels: selectorOf(c.name) } })),
          ],
          ports: [{ protocol: 'TCP', port: svc.grpcPort }],
        },
        // Prometheus, from the monitoring namespace, scrapes /metrics.
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': MONITORING_NAMESPACE },
              },
            },
          ],
          ports: [{ protocol: 'TCP', port: svc.metricsPort }],
        },
      ],
      egress: [
        // The servers live outside the namespace (managed services or their own operators):
        // reachable by port; the production overlay may narrow these to address blocks.
        { ports: servers.map((s) => ({ protocol: 'TCP', port: s.port })) },
        ...(svc.calls ?? []).map((callee) => ({
          to: [{ podSelector: { matchLabels: selectorOf(callee) } }],
          ports: [{ protocol: 'TCP', port: byName.get(callee).grpcPort }],
        })),
      ],
    },
  };
};

export const objectsFor = (svc, platform) => [
  deployment(svc, platform),
  service(svc),
  pdb(svc),
  hpa(svc),
  networkPolicy(svc, platform),
];
