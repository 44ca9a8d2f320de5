import { JobId } from '../jobs/JobId';
import { parseTimestampPath } from '../jobs/Timestamp';
import { keyProblem } from '../keys/keyRules';
import { Segment } from '../keys/Segment';
import { GENERATION_CACHE_FOLDER, isGenerationCacheFile } from '../images/generationCacheKey';
import { METADATA_FILE } from '../layout/S3PathBuilder';
import type { S3PathConfig } from '../layout/S3PathConfig';
import type { ArtifactType } from './ArtifactType';

/** A key that lies in the new layout. */
export interface Conforming {
  /** Undefined for folder keys above any artifact (`models/`, `datasets/`). */
  readonly artifactType?: ArtifactType;
  /** For keys under a job prefix: the job and its `yyyy/mm/dd/HHMMSS`, to check against created_at. */
  readonly job?: { readonly id: number; readonly tsPath: string };
}

type Matcher = (segment: string) => boolean;

interface Tree {
  readonly artifactType: ArtifactType;
  readonly matchers: readonly Matcher[];
  /** true: anything may follow the matched segments (a non-empty path for object keys). */
  readonly open: boolean;
}

const literal = (text: string): Matcher => (s) => s === text;
const segment: Matcher = (s) => Segment.isValid(s);
const digits = (n: number): Matcher => (s) => s.length === n && /^[0-9]+$/.test(s);

/**
 * Recognises keys of the new layout (spec 000, 003, 004 as configured): `datasets/{type}/...`,
 * `models/training/{job}/...`, `models/compilation/{job}/{target}/...` or its `metadata.json`,
 * `deployments/{name}/...`, `jobs/{id}/{yyyy}/{mm}/{dd}/{HHMMSS}/...`, `generated_images/{id}.webp`,
 * `generated_images/cache/{sha256}.png`,
 * and the folder keys on the way to them. Keys are checked by S3's structural rules (no `//`,
 * no `.`/`..` segments, at most 1024 bytes); control characters are tolerated because S3 stores
 * them and a legacy key carried over byte for byte may hold one.
 */
export class Conformance {
  private readonly trees: readonly Tree[];

  constructor(private readonly config: S3PathConfig) {
    const folder = (path: string): Matcher[] => path.split('/').map(literal);
    const types = new Set(Object.values(config.datasetTypes));
    const month: Matcher = (s) => digits(2)(s) && Number(s) >= 1 && Number(s) <= 12;
    const day: Matcher = (s) => digits(2)(s) && Number(s) >= 1 && Number(s) <= 31;
    this.trees = [
      { artifactType: 'dataset', matchers: [...folder(config.datasetFolder), (s) => types.has(s)], open: true },
      { artifactType: 'training-output', matchers: [...folder(config.trainingFolder), segment], open: true },
      {
        artifactType: 'compilation-output',
        matchers: [...folder(config.compilationFolder), segment, literal(METADATA_FILE)],
        open: false,
      },
      {
        artifactType: 'compilation-output',
        matchers: [...folder(config.compilationFolder), segment, segment],
        open: true,
      },
      { artifactType: 'deployment', matchers: [...folder(config.deploymentFolder), segment], open: true },
      {
        artifactType: 'job-artifact',
        matchers: [...folder(config.jobsFolder), JobId.isValid, digits(4), month, day, digits(6)],
        open: true,
      },
      {
        artifactType: 'image',
        matchers: [
          ...folder(config.imagesFolder),
          (s) => s.endsWith('.webp') && Segment.isValid(s.slice(0, -'.webp'.length)),
        ],
        open: false,
      },
      // Generated pictures kept by request hash (the prompt cache of spec 003).
      { artifactType: 'image', matchers: [...folder(config.imagesFolder), literal(GENERATION_CACHE_FOLDER), isGenerationCacheFile], open: false },
    ];
  }

  /** The conformance of `key` (bucket prefix included), or undefined when it is not in the layout. */
  check(key: string): Conforming | undefined {
    const isFolder = key.endsWith('/');
    if (keyProblem(key, { folder: isFolder, allowControlChars: true }) !== undefined) return undefined;
    const inside = this.config.stripPrefix(key);
    if (inside === undefined || inside === '') return undefined;
    const segments = (isFolder ? inside.slice(0, -1) : inside).split('/');
    for (const tree of this.trees) {
      const result = this.match(tree, segments, isFolder);
      if (result !== undefined) return result;
    }
    return undefined;
  }

  private match(tree: Tree, segments: readonly string[], isFolder: boolean): Conforming | undefined {
    const { matchers } = tree;
    const n = Math.min(matchers.length, segments.length);
    for (let i = 0; i < n; i++) {
      if (!(matchers[i] as Matcher)(segments[i] as string)) return undefined;
    }
    if (segments.length < matchers.length) {
      // Only a folder on the way down to an artifact conforms; a file there does not.
      return isFolder ? {} : undefined;
    }
    if (segments.length === matchers.length && !isFolder && tree.open) return undefined;
    if (segments.length > matchers.length && !tree.open) return undefined;
    if (tree.artifactType !== 'job-artifact') return { artifactType: tree.artifactType };
    const j = matchers.length - 5; // the last five matchers are id, yyyy, mm, dd, HHMMSS
    const [id, yyyy, mm, dd, hhmmss] = segments.slice(j, j + 5) as [string, string, string, string, string];
    if (parseTimestampPath(yyyy, mm, dd, hhmmss) === undefined) return undefined;
    return { artifactType: 'job-artifact', job: { id: Number(id), tsPath: `${yyyy}/${mm}/${dd}/${hhmmss}` } };
  }
}
