import { InvalidConfigError } from '../errors/InvalidConfigError';
import { BucketName } from '../keys/BucketName';
import { KeyPrefix } from '../keys/KeyPrefix';
import { Segment } from '../keys/Segment';

/** The three kinds of dataset folders of spec 000. */
export type DatasetType = 'raw' | 'manifests' | 'labeled';
/** Every DatasetType, in spec 000's order. */
export const DATASET_TYPES: readonly DatasetType[] = /* @__PURE__ */ Object.freeze(['raw', 'manifests', 'labeled']);

/**
 * The values of an S3PathConfig; `S3PathConfig.create` takes any subset and fills in the defaults.
 */
export interface S3PathConfigProps {
  /** The bucket; optional because key-only work (classification, key building) needs none. */
  readonly bucket: string | undefined;
  /** Optional bucket-level prefix every key of the layout lives under; '' for none. */
  readonly prefix: string;
  readonly trainingFolder: string;
  readonly compilationFolder: string;
  readonly datasetFolder: string;
  readonly deploymentFolder: string;
  readonly jobsFolder: string;
  readonly imagesFolder: string;
  readonly datasetTypes: Readonly<Record<DatasetType, string>>;
}

/** Spec 000's folder names and no prefix: the defaults of `create`, in one place. */
export const DEFAULTS: Omit<S3PathConfigProps, 'bucket'> = {
  prefix: '',
  trainingFolder: 'models/training',
  compilationFolder: 'models/compilation',
  datasetFolder: 'datasets',
  deploymentFolder: 'deployments',
  jobsFolder: 'jobs',
  imagesFolder: 'generated_images',
  datasetTypes: { raw: 'raw', manifests: 'manifests', labeled: 'labeled' },
};

const FOLDER_FIELDS = [
  'trainingFolder',
  'compilationFolder',
  'datasetFolder',
  'deploymentFolder',
  'jobsFolder',
  'imagesFolder',
] as const;

/**
 * Where things live in the bucket. Folder names are data (defaults from spec 000 and DESIGN §3)
 * so an operator can choose others; everything is validated once here so that no key builder
 * downstream can produce `//` or an invalid segment.
 */
export class S3PathConfig implements S3PathConfigProps {
  readonly bucket: string | undefined;
  readonly prefix: string;
  readonly trainingFolder: string;
  readonly compilationFolder: string;
  readonly datasetFolder: string;
  readonly deploymentFolder: string;
  readonly jobsFolder: string;
  readonly imagesFolder: string;
  readonly datasetTypes: Readonly<Record<DatasetType, string>>;

  private constructor(props: S3PathConfigProps) {
    this.bucket = props.bucket;
    this.prefix = props.prefix;
    this.trainingFolder = props.trainingFolder;
    this.compilationFolder = props.compilationFolder;
    this.datasetFolder = props.datasetFolder;
    this.deploymentFolder = props.deploymentFolder;
    this.jobsFolder = props.jobsFolder;
    this.imagesFolder = props.imagesFolder;
    this.datasetTypes = Object.freeze({ ...props.datasetTypes });
    Object.freeze(this);
  }

  static create(partial: Partial<S3PathConfigProps> = {}): S3PathConfig {
    const bucket = partial.bucket === undefined ? undefined : validBucket(partial.bucket);
    const prefix = KeyPrefix.parse(partial.prefix ?? DEFAULTS.prefix);
    const folders = Object.fromEntries(
      FOLDER_FIELDS.map((field) => [field, validFolder(field, partial[field] ?? DEFAULTS[field])]),
    ) as Record<(typeof FOLDER_FIELDS)[number], string>;
    const datasetTypes = validDatasetTypes({ ...DEFAULTS.datasetTypes, ...partial.datasetTypes });
    assertDisjoint(folders);
    return new S3PathConfig({ bucket, prefix, ...folders, datasetTypes });
  }

  /** `key` with the bucket prefix in front (`P/key`, or `key` when there is no prefix). */
  withPrefix(key: string): string {
    return this.prefix === '' ? key : `${this.prefix}/${key}`;
  }

  /** The key with the bucket prefix removed, or undefined when `key` lies outside the prefix. */
  stripPrefix(key: string): string | undefined {
    if (this.prefix === '') return key;
    const head = `${this.prefix}/`;
    return key.startsWith(head) ? key.slice(head.length) : undefined;
  }

  /** The plain values, for logs and JSON. */
  toJSON(): S3PathConfigProps {
    return { ...this, datasetTypes: { ...this.datasetTypes } };
  }
}

function validBucket(bucket: string): string {
  try {
    return BucketName.parse(bucket);
  } catch (e) {
    throw new InvalidConfigError('bucket', bucket, (e as Error).message);
  }
}

function validFolder(field: string, raw: string): string {
  if (typeof raw !== 'string' || raw === '') {
    throw new InvalidConfigError(field, raw, 'must be a non-empty folder path');
  }
  for (const segment of raw.split('/')) {
    if (!Segment.isValid(segment)) {
      throw new InvalidConfigError(field, raw, `segment ${JSON.stringify(segment)} is not a valid segment (no leading, trailing or double "/")`);
    }
  }
  return raw;
}

function validDatasetTypes(types: Record<DatasetType, string>): Record<DatasetType, string> {
  for (const type of DATASET_TYPES) {
    if (!Segment.isValid(types[type])) {
      throw new InvalidConfigError(`datasetTypes.${type}`, types[type], 'must be one valid segment');
    }
  }
  if (new Set(DATASET_TYPES.map((t) => types[t])).size !== DATASET_TYPES.length) {
    throw new InvalidConfigError('datasetTypes', types, 'dataset type folders must be distinct');
  }
  return types;
}

/** No folder may contain another, or a key would belong to two artifact kinds. */
function assertDisjoint(folders: Record<string, string>): void {
  const entries = Object.entries(folders);
  for (const [a, pathA] of entries) {
    for (const [b, pathB] of entries) {
      if (a !== b && (pathA === pathB || pathB.startsWith(`${pathA}/`))) {
        throw new InvalidConfigError(b, pathB, `overlaps ${a} (${JSON.stringify(pathA)})`);
      }
    }
  }
}

/** The layout of spec 000 with no bucket and no prefix. */
export const DEFAULT_PATH_CONFIG: S3PathConfig = /* @__PURE__ */ S3PathConfig.create();
