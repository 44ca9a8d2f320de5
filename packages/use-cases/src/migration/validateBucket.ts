// Validate/audit a bucket against the layout: non-conforming keys, legacy keys left, double
// slashes, orphans (artifacts under a job or deployment folder no record references) and
// references to missing objects. Streams the listing; holds only the references' owner folders.
import type { PathResolver } from '@edgecv/domain';
import type { ArtifactReferenceStore } from '../ports/ArtifactReferenceStore';
import type { ObjectStore } from '../ports/ObjectStore';
import { splitS3Uri } from './s3UriParts';
import { JobCreatedAtLookup } from './JobCreatedAtLookup';
import { classifyKey } from './KeyClassifier';
import type { JobRepository } from '../ports/JobRepository';

export type ValidationProblemKind = 'non-conforming' | 'legacy-left' | 'double-slash' | 'orphan' | 'missing-object' | 'invalid-key';

export interface ValidationProblem {
  readonly kind: ValidationProblemKind;
  readonly key: string;
  readonly detail: string;
  readonly artifactType?: string;
}

export interface ValidationReport {
  readonly bucket: string;
  readonly prefix: string;
  readonly ok: boolean;
  readonly objects: number;
  readonly references: number;
  readonly counts: Readonly<Record<ValidationProblemKind, number>>;
  /** Orphans per artifact type. */
  readonly orphansByType: Readonly<Record<string, number>>;
  /** The first problems of each kind (at most `maxExamples` each). */
  readonly examples: readonly ValidationProblem[];
}

export interface ValidateBucketDeps {
  readonly store: ObjectStore;
  readonly resolver: PathResolver;
  readonly referenceStores?: readonly ArtifactReferenceStore[];
  /** Job created_at lookups: without them a fragmented jobs/{id}/{other ts}/ key cannot be told from the job's own prefix. */
  readonly jobs?: JobRepository;
  readonly maxExamples?: number;
}

export async function validateBucket(input: { bucket: string; prefix?: string }, deps: ValidateBucketDeps): Promise<ValidationReport> {
  const { bucket } = input;
  const prefix = input.prefix ?? '';
  const max = deps.maxExamples ?? 20;
  const counts: Record<ValidationProblemKind, number> = {
    'non-conforming': 0,
    'legacy-left': 0,
    'double-slash': 0,
    orphan: 0,
    'missing-object': 0,
    'invalid-key': 0,
  };
  const orphansByType: Record<string, number> = {};
  const examples: ValidationProblem[] = [];
  const perKind = new Map<ValidationProblemKind, number>();
  const problem = (p: ValidationProblem): void => {
    counts[p.kind] += 1;
    const n = perKind.get(p.kind) ?? 0;
    if (n < max) examples.push(p);
    perKind.set(p.kind, n + 1);
  };

  const roots = ownerRoots(deps.resolver);
  const owned = new Set<string>();
  let references = 0;
  const checkReferences = deps.referenceStores !== undefined && deps.referenceStores.length > 0;
  for (const store of deps.referenceStores ?? []) {
    for await (const ref of store.list()) {
      const parts = splitS3Uri(ref.uri);
      if (parts === undefined || parts.bucket !== bucket) continue;
      references += 1;
      // Orphans are judged in the layout the reference will have once cut over.
      let key = parts.key;
      try {
        key = deps.resolver.resolveArtifactPath(parts.key);
      } catch {
        // needs a job lookup or invalid: keep the key as it is
      }
      const owner = ownerFolder(roots, key);
      if (owner !== undefined) owned.add(owner.folder);
      if (!(await exists(deps.store, bucket, parts.key))) {
        problem({ kind: 'missing-object', key: parts.key, detail: `${store.name} ${ref.recordId} ${ref.attribute} -> ${ref.uri}` });
      }
    }
  }

  let objects = 0;
  const lookups = new JobCreatedAtLookup(deps.jobs);
  for await (const o of deps.store.list(bucket, prefix)) {
    objects += 1;
    if (o.key.includes('//')) problem({ kind: 'double-slash', key: o.key, detail: 'key contains //' });
    const c = await classifyKey(deps.resolver, o.key, lookups);
    switch (c.status) {
      case 'converted':
      case 'needs-lookup':
        problem({ kind: 'legacy-left', key: o.key, detail: `legacy rule ${c.rule}` });
        break;
      case 'unknown':
        problem({ kind: 'non-conforming', key: o.key, detail: 'matches neither the layout nor a legacy rule' });
        break;
      case 'invalid':
        problem({ kind: 'invalid-key', key: o.key, detail: c.error.message });
        break;
      case 'conforming': {
        if (!checkReferences) break;
        const owner = ownerFolder(roots, o.key);
        if (owner !== undefined && !owned.has(owner.folder)) {
          orphansByType[owner.artifactType] = (orphansByType[owner.artifactType] ?? 0) + 1;
          problem({ kind: 'orphan', key: o.key, detail: `no ${owner.artifactType} record references ${owner.folder}`, artifactType: owner.artifactType });
        }
        break;
      }
    }
  }
  const ok = Object.values(counts).every((n) => n === 0);
  return { bucket, prefix, ok, objects, references, counts, orphansByType, examples };
}

interface OwnerRoot {
  readonly root: string;
  readonly artifactType: string;
}

/** The folders whose children each belong to one record: a training job, a compilation job, a deployment. */
function ownerRoots(resolver: PathResolver): OwnerRoot[] {
  const c = resolver.config;
  return [
    { root: c.withPrefix(`${c.trainingFolder}/`), artifactType: 'training-output' },
    { root: c.withPrefix(`${c.compilationFolder}/`), artifactType: 'compilation-output' },
    { root: c.withPrefix(`${c.deploymentFolder}/`), artifactType: 'deployment' },
  ];
}

function ownerFolder(roots: readonly OwnerRoot[], key: string): { folder: string; artifactType: string } | undefined {
  for (const { root, artifactType } of roots) {
    if (!key.startsWith(root)) continue;
    const slash = key.indexOf('/', root.length);
    if (slash === -1) return undefined;
    return { folder: key.slice(0, slash + 1), artifactType };
  }
  return undefined;
}

async function exists(store: ObjectStore, bucket: string, key: string): Promise<boolean> {
  if (!key.endsWith('/')) return (await store.head(bucket, key)) !== undefined;
  for await (const _ of store.list(bucket, key, { pageSize: 1 })) return true;
  return false;
}
