import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { type K8sObject, keyOf, parseDocuments, renderKustomization } from './k8s/render';

const repo = path.resolve(__dirname, '..');
const overlaysDir = path.join(repo, 'deploy/k8s/overlays');
const overlays = readdirSync(overlaysDir).sort();

interface PlatformService {
  name: string;
  grpcPort: number;
  role: 'command' | 'query' | 'saga';
  readiness: string;
  calls?: string[];
}
const platform = JSON.parse(readFileSync(path.join(repo, 'deploy/platform.json'), 'utf8')) as {
  services: PlatformService[];
};

// The Kubernetes OpenAPI schemas, one model per kind the manifests use.
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
  'v1/Service': Service,
};

// Secrets each overlay expects to exist without rendering them (README, Deploy).
const EXTERNAL_SECRETS: Record<string, string[]> = {
  // overlays/local/secrets.sh, from deploy/local/pki.mjs and the local stack's master key
  local: ['ledgerline-jwks', 'ledgerline-privacy', 'ledgerline-tls'],
  production: [
    'ledgerline-jwks',
    'ledgerline-postgres-roles',
    'ledgerline-privacy',
    'ledgerline-servers',
    'ledgerline-tls',
  ],
};

const rendered = new Map(overlays.map((o) => [o, renderKustomization(path.join(overlaysDir, o))]));
const objectsOf = (overlay: string) => rendered.get(overlay) ?? [];
const ofKind = <T = K8sObject>(overlay: string, kind: string) =>
  objectsOf(overlay).filter((o) => o.kind === kind) as unknown as (T & K8sObject)[];
type Selecting = 'selector' | 'podSelector' | 'scaleTargetRef' | 'serviceSelector';
/** The app a PDB, NetworkPolicy, HPA or Service (`serviceSelector`: a plain label map) is for. */
const appOf = (o: object, at: Selecting) => {
  const spec = (o as { spec?: unknown }).spec as Record<
    string,
    Record<string, unknown> | undefined
  >;
  if (at === 'scaleTargetRef') return spec[at]?.['name'];
  if (at === 'serviceSelector') return spec['selector']?.['app.kubernetes.io/name'];
  return (spec[at]?.['matchLabels'] as Record<string, string> | undefined)?.[
    'app.kubernetes.io/name'
  ];
};

describe('deploy/k8s', () => {
  it('has a base that is what deploy/k8s/generate.mjs writes from deploy/platform.json', () => {
    const result = spawnSync('node', [path.join(repo, 'deploy/k8s/generate.mjs'), '--check'], {
      encoding: 'utf8',
    });

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('has a local and a production overlay', () => {
    expect(overlays).toEqual(['local', 'production']);
  });

  describe.each(overlays)('overlay %s', (overlay) => {
    const deployments = ofKind<IDeployment>(overlay, 'Deployment');
    const containerOf = (d: IDeployment) => {
      const container = d.spec?.template.spec?.containers[0];
      if (!container) throw new Error(`${d.metadata?.name ?? '?'} has no container`);
      return container;
    };

    it('renders only objects valid against the Kubernetes schemas, each once', () => {
      const objects = objectsOf(overlay);

      for (const o of objects) {
        const Model = MODELS[`${o.apiVersion}/${o.kind}`];
        expect(Model).toBeDefined();
        if (Model) expect(() => new Model(o as never).validate()).not.toThrow();
      }
      expect(new Set(objects.map(keyOf)).size).toBe(objects.length);
      expect(
        objects.every((o) => o.kind === 'Namespace' || o.metadata.namespace === 'ledgerline'),
      ).toBe(true);
    });

    it('deploys exactly the services of deploy/platform.json', () => {
      expect(deployments.map((d) => d.metadata.name).sort()).toEqual(
        platform.services.map((s) => s.name).sort(),
      );
    });

    it('gives every Deployment gRPC probes on the health port, resources, a Service, PDB, HPA and NetworkPolicy', () => {
      const config = objectsOf(overlay).find((o) => o.metadata.name === 'ledgerline-platform');
      const healthPort = Number((config?.['data'] as Record<string, string>)['GRPC_HEALTH_PORT']);

      expect(healthPort).toBeGreaterThan(0);
      for (const d of deployments) {
        const name = d.metadata.name;
        const svc = platform.services.find((s) => s.name === name);
        const c = containerOf(d);
        expect(c.startupProbe?.grpc).toEqual({ port: healthPort, service: 'ledgerline.liveness' });
        expect(c.livenessProbe?.grpc).toEqual({ port: healthPort, service: 'ledgerline.liveness' });
        expect(c.readinessProbe?.grpc).toEqual({ port: healthPort, service: svc?.readiness });
        expect(c.resources?.requests?.['cpu']).toBeDefined();
        expect(c.resources?.requests?.['memory']).toBeDefined();
        expect(c.resources?.limits?.['memory']).toBeDefined();
        expect(c.env).toEqual(
          expect.arrayContaining([{ name: 'GRPC_PORT', value: String(svc?.grpcPort) }]),
        );
        for (const [kind, at] of [
          ['Service', 'serviceSelector'],
          ['PodDisruptionBudget', 'selector'],
          ['NetworkPolicy', 'podSelector'],
          ['HorizontalPodAutoscaler', 'scaleTargetRef'],
        ] as const)
          expect(ofKind(overlay, kind).filter((o) => appOf(o, at) === name)).toHaveLength(1);
      }
    });

    it('lets through only the calls the architecture makes', () => {
      const policies = ofKind(overlay, 'NetworkPolicy');
      const callersOf = (name: string) =>
        platform.services.filter((s) => (s.calls ?? []).includes(name)).map((s) => s.name);

      expect(policies.find((p) => p.metadata.name === 'default-deny')?.['spec']).toEqual({
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
      });
      for (const svc of platform.services) {
        const policy = policies.find((p) => appOf(p, 'podSelector') === svc.name);
        const spec = policy?.['spec'] as {
          ingress: { from: { podSelector?: { matchLabels: Record<string, string> } }[] }[];
          egress: { to?: { podSelector: { matchLabels: Record<string, string> } }[] }[];
        };
        const fromPods = spec.ingress
          .flatMap((rule) => rule.from)
          .map((peer) => peer.podSelector?.matchLabels['app.kubernetes.io/name'])
          .filter(Boolean);
        const toPods = spec.egress
          .flatMap((rule) => rule.to ?? [])
          .map((peer) => peer.podSelector.matchLabels['app.kubernetes.io/name']);
        expect(fromPods.sort()).toEqual(callersOf(svc.name).sort());
        expect(toPods.sort()).toEqual([...(svc.calls ?? [])].sort());
      }
    });

    it('refers only to ConfigMaps and Secrets it renders, or that are managed outside it', () => {
      const renderedNames = (kind: string) => ofKind(overlay, kind).map((o) => o.metadata.name);
      const pods = [...deployments, ...ofKind<IDeployment>(overlay, 'Job')];
      const refs = (key: 'configMapRef' | 'secretRef') =>
        pods.flatMap((d) => containerOf(d).envFrom?.map((e) => e[key]?.name) ?? []);
      const mountedSecrets = pods.flatMap(
        (d) => d.spec?.template.spec?.volumes?.map((v) => v.secret?.secretName) ?? [],
      );

      for (const name of refs('configMapRef').filter(Boolean))
        expect(renderedNames('ConfigMap')).toContain(name);
      for (const name of [...refs('secretRef'), ...mountedSecrets].filter(Boolean))
        expect([...renderedNames('Secret'), ...(EXTERNAL_SECRETS[overlay] ?? [])]).toContain(name);
    });

    it('scales command services on CPU, and projectors and the saga on consumer lag too (production)', () => {
      for (const hpa of ofKind(overlay, 'HorizontalPodAutoscaler')) {
        const svc = platform.services.find((s) => s.name === appOf(hpa, 'scaleTargetRef'));
        const spec = hpa['spec'] as { metrics: { type: string }[]; maxReplicas: number };
        const types = spec.metrics.map((m) => m.type);
        const lag = overlay === 'production' && svc?.role !== 'command';
        expect(types).toEqual(lag ? ['Resource', 'External'] : ['Resource']);
        // Consumers beyond the topic's 6 partitions would hold none.
        if (svc?.role !== 'command') expect(spec.maxReplicas).toBeLessThanOrEqual(6);
      }
    });
  });

  it('probes for readiness a gRPC service that the contracts define', () => {
    const protoDir = path.join(repo, 'proto/ledgerline');
    const defined = new Set<string>();
    for (const context of readdirSync(protoDir, { withFileTypes: true }).filter((d) =>
      d.isDirectory(),
    ))
      for (const file of readdirSync(path.join(protoDir, context.name, 'v1'))) {
        const text = readFileSync(path.join(protoDir, context.name, 'v1', file), 'utf8');
        const pkg = /^package ([\w.]+);/m.exec(text)?.[1];
        for (const m of text.matchAll(/^service (\w+)/gm))
          defined.add(`${pkg ?? ''}.${m[1] ?? ''}`);
      }

    for (const svc of platform.services) expect(defined).toContain(svc.readiness);
  });

  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  const kubectlPresent = kubectl.status === 0;
  if (!kubectlPresent)
    console.warn(
      'deploy/k8s: kubectl is not installed; the renderer is not compared with `kubectl kustomize`',
    );
  (kubectlPresent ? it.each(overlays) : it.skip.each(overlays))(
    'renders overlay %s as `kubectl kustomize` does (skipped without kubectl)',
    (overlay) => {
      const result = spawnSync('kubectl', ['kustomize', path.join(overlaysDir, overlay)], {
        encoding: 'utf8',
      });
      expect(result.stderr).toBe('');
      const sorted = (objects: K8sObject[]) =>
        [...objects].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));

      expect(sorted(objectsOf(overlay))).toEqual(sorted(parseDocuments(result.stdout)));
    },
  );
});

// docs/adr/0028-least-privilege-in-the-stores.md: each pod's PostgreSQL URL is its own role's.
describe('PostgreSQL roles', () => {
  const roleKeyOf = (o: K8sObject) => {
    const spec = (o as unknown as IDeployment).spec?.template.spec;
    const containers = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
    return containers
      .flatMap((c) => c.env ?? [])
      .filter((e) => e.name === 'POSTGRES_URL')
      .map((e) => `${e.valueFrom?.secretKeyRef?.name}/${e.valueFrom?.secretKeyRef?.key}`);
  };

  it('gives every service its own key of ledgerline-postgres-roles, and the migrations the owner', () => {
    const local = objectsOf('local');
    for (const svc of platform.services) {
      const deployment = local.find((o) => o.kind === 'Deployment' && o.metadata.name === svc.name);
      expect(roleKeyOf(deployment!)).toEqual([`ledgerline-postgres-roles/${svc.name}`]);
    }
    const init = local.find((o) => o.kind === 'Job' && o.metadata.name === 'platform-init');
    expect(roleKeyOf(init!)).toEqual(['ledgerline-postgres-roles/owner']);
  });

  it('has a URL naming each role in the local Secret, and each role in deploy/postgres/roles.sql', () => {
    const secret = objectsOf('local').find(
      (o) => o.kind === 'Secret' && o.metadata.name === 'ledgerline-postgres-roles',
    ) as unknown as { stringData: Record<string, string> };
    const sql = readFileSync(path.join(repo, 'deploy/postgres/roles.sql'), 'utf8');
    for (const key of ['owner', ...platform.services.map((s) => s.name)]) {
      const role = `ledgerline_${key.replace(/-/g, '_')}`;
      expect(new URL(secret.stringData[key]!).username).toBe(role);
      expect(sql).toContain(`'${role}'`);
    }
  });
});
