import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/**
 * Renders a kustomization the way `kubectl kustomize` does, for the subset deploy/k8s uses:
 * `resources` (files and directories with a kustomization), `namespace`, `images`
 * (name → newName/newTag) and `patches` given inline as JSON 6902 operations with a `target`
 * (kind, name). Anything else in a kustomization is refused, so a feature added to the overlays
 * without the renderer learning it fails the tests instead of being silently ignored.
 */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

interface Kustomization {
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { target: { kind?: string; name?: string }; patch: string }[];
}

const KNOWN = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'images', 'patches']);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding']);

export const parseDocuments = (text: string): K8sObject[] =>
  YAML.parseAllDocuments(text)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);

type Json = Record<string, unknown> | unknown[];

const applyOperation = (target: unknown, op: { op: string; path: string; value?: unknown }) => {
  const keys = op.path
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = keys.pop();
  if (last === undefined) throw new Error(`patch: empty path`);
  let parent = target as Json;
  for (const key of keys) {
    const next = Array.isArray(parent) ? parent[Number(key)] : parent[key];
    if (next === undefined || next === null || typeof next !== 'object')
      throw new Error(`patch: ${op.path} does not exist`);
    parent = next as Json;
  }
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (op.op === 'add') parent.splice(index, 0, op.value);
    else if (op.op === 'replace') parent[index] = op.value;
    else if (op.op === 'remove') parent.splice(index, 1);
    else throw new Error(`patch: unsupported op ${op.op}`);
    return;
  }
  if ((op.op === 'replace' || op.op === 'remove') && !(last in parent))
    throw new Error(`patch: ${op.op} of ${op.path}, which does not exist`);
  if (op.op === 'add' || op.op === 'replace') parent[last] = op.value;
  else if (op.op === 'remove') delete parent[last];
  else throw new Error(`patch: unsupported op ${op.op}`);
};

type Containers = { image?: string }[];
interface PodSpec {
  containers?: Containers;
  initContainers?: Containers;
}
const podSpecOf = (o: K8sObject): PodSpec | undefined => {
  const spec = o['spec'] as { template?: { spec?: PodSpec } } | undefined;
  return spec?.template?.spec;
};

const setImages = (objects: K8sObject[], images: NonNullable<Kustomization['images']>) => {
  for (const o of objects)
    for (const container of [
      ...(podSpecOf(o)?.initContainers ?? []),
      ...(podSpecOf(o)?.containers ?? []),
    ]) {
      const image = container.image ?? '';
      const name = image.replace(/[:@].*$/, '');
      const rule = images.find((i) => i.name === name);
      if (!rule) continue;
      const tag = /:([^/]+)$/.exec(image)?.[1];
      const newTag = rule.newTag ?? tag;
      container.image = `${rule.newName ?? name}${newTag ? `:${newTag}` : ''}`;
    }
};

export const renderKustomization = (dir: string): K8sObject[] => {
  const file = path.join(dir, 'kustomization.yaml');
  const k = YAML.parse(readFileSync(file, 'utf8')) as Kustomization;
  const unknown = Object.keys(k).filter((key) => !KNOWN.has(key));
  if (unknown.length) throw new Error(`${file}: the renderer does not know ${unknown.join(', ')}`);
  const objects: K8sObject[] = [];
  for (const resource of k.resources ?? []) {
    const target = path.resolve(dir, resource);
    objects.push(
      ...(statSync(target).isDirectory()
        ? renderKustomization(target)
        : parseDocuments(readFileSync(target, 'utf8'))),
    );
  }
  for (const { target, patch } of k.patches ?? []) {
    const ops = YAML.parse(patch) as { op: string; path: string; value?: unknown }[];
    if (!Array.isArray(ops)) throw new Error(`${file}: only JSON 6902 patches are rendered`);
    const matched = objects.filter(
      (o) =>
        (target.kind === undefined || o.kind === target.kind) &&
        (target.name === undefined || o.metadata.name === target.name),
    );
    if (matched.length === 0) throw new Error(`${file}: a patch matches nothing`);
    for (const o of matched) for (const op of ops) applyOperation(o, op);
  }
  if (k.images) setImages(objects, k.images);
  if (k.namespace)
    for (const o of objects) if (!CLUSTER_SCOPED.has(o.kind)) o.metadata.namespace = k.namespace;
  return objects;
};

export const keyOf = (o: K8sObject): string =>
  `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
