import { InvalidConfigError } from '../errors/InvalidConfigError';
import { AssignmentId } from '../images/AssignmentId';
import { InvalidSegmentError } from '../errors/InvalidSegmentError';
import { InvalidUriError } from '../errors/InvalidUriError';
import { S3Key } from '../keys/S3Key';
import { S3Uri } from '../keys/S3Uri';
import { Segment } from '../keys/Segment';
import { DATASET_TYPES, type DatasetType, type S3PathConfig } from './S3PathConfig';

/**
 * The files of a deployment folder (spec 000): the compiled model, its configuration and the
 * Greengrass component.
 */
export type DeploymentArtifact = 'model.tar.gz' | 'config.json' | 'component.zip';
/** Every DeploymentArtifact. */
export const DEPLOYMENT_ARTIFACTS: readonly DeploymentArtifact[] = /* @__PURE__ */ Object.freeze([
  'model.tar.gz',
  'config.json',
  'component.zip',
]);

/** The metadata file written next to training and compilation outputs (spec 000). */
export const METADATA_FILE = 'metadata.json';

/**
 * Every key and URI of the layout (spec 000, DESIGN §3), built from one S3PathConfig. Inputs
 * (job names, targets, deployment names) are validated as Segments, so a builder never emits
 * `//`, an empty segment, or a rewritten name. `...Folder` methods give folder keys, `...Path`
 * methods the same folder as an `s3://` URI in the configured bucket.
 */
export class S3PathBuilder {
  constructor(readonly config: S3PathConfig) {
    Object.freeze(this);
  }

  // --- training (SageMaker CreateTrainingJob) ---

  /**
   * The S3OutputPath to give SageMaker for every training job: `[P/]models/training/`.
   * SageMaker writes `{S3OutputPath}/{TrainingJobName}/output/model.tar.gz`, so with this root
   * and TrainingJobName = job, the model lands at trainingModelKey(job).
   */
  trainingOutputRoot(): S3Uri {
    return this.uriOf(S3Key.folder(this.config.withPrefix(this.config.trainingFolder)));
  }

  /** `[P/]models/training/{job}/`, the folder of one training job. */
  trainingOutputFolder(job: string): S3Key {
    return S3Key.folder(this.training(job));
  }

  trainingOutputPath(job: string): S3Uri {
    return this.uriOf(this.trainingOutputFolder(job));
  }

  /**
   * `[P/]models/training/{job}/output/model.tar.gz`: what SageMaker writes given
   * S3OutputPath = trainingOutputRoot() and TrainingJobName = job (the service appends
   * `{job}/output/model.tar.gz` itself; it cannot be told to write `{job}/model.tar.gz`).
   */
  trainingModelKey(job: string): S3Key {
    return S3Key.parse(`${this.training(job)}/output/model.tar.gz`);
  }

  trainingMetadataKey(job: string): S3Key {
    return S3Key.parse(`${this.training(job)}/${METADATA_FILE}`);
  }

  // --- compilation (SageMaker Neo CreateCompilationJob) ---

  /** `[P/]models/compilation/{job}/`, or `.../{job}/{target}/` with a target. */
  compilationOutputFolder(job: string, target?: string): S3Key {
    return S3Key.folder(
      target === undefined ? this.compilation(job) : `${this.compilation(job)}/${Segment.parse('target', target)}`,
    );
  }

  /**
   * The folder URI; with a target, the S3OutputLocation to give Neo for that target so each
   * target's output lands in a folder of its own.
   */
  compilationOutputPath(job: string, target?: string): S3Uri {
    return this.uriOf(this.compilationOutputFolder(job, target));
  }

  /** `[P/]models/compilation/{job}/{target}/model.tar.gz`, the canonical compiled model. */
  compiledModelKey(job: string, target: string): S3Key {
    return this.compilationOutputFolder(job, target).child('model.tar.gz');
  }

  /**
   * What Neo itself writes when S3OutputLocation = compilationOutputPath(job, target): it names
   * the file after the input archive and the target, `{modelBase}-{target}.tar.gz` (for an input
   * `model.tar.gz`, `model-{target}.tar.gz`). The compilation use case promotes it to
   * compiledModelKey(job, target).
   */
  neoOutputKey(job: string, target: string, modelBase = 'model'): S3Key {
    const base = Segment.parse('modelBase', modelBase);
    return this.compilationOutputFolder(job, target).child(`${base}-${target}.tar.gz`);
  }

  compilationMetadataKey(job: string): S3Key {
    return S3Key.parse(`${this.compilation(job)}/${METADATA_FILE}`);
  }

  // --- datasets ---

  /** `[P/]datasets/{raw|manifests|labeled}/` (folder names from the configuration). */
  datasetFolder(type: DatasetType): S3Key {
    if (!DATASET_TYPES.includes(type)) {
      throw new InvalidSegmentError('datasetType', type, `must be one of ${DATASET_TYPES.join(', ')}`);
    }
    return S3Key.folder(this.config.withPrefix(`${this.config.datasetFolder}/${this.config.datasetTypes[type]}`));
  }

  datasetPath(type: DatasetType): S3Uri {
    return this.uriOf(this.datasetFolder(type));
  }

  // --- deployments (packaging, Greengrass) ---

  /** `[P/]deployments/{name}/`. */
  deploymentFolder(name: string): S3Key {
    return S3Key.folder(this.deployment(name));
  }

  deploymentPath(name: string): S3Uri {
    return this.uriOf(this.deploymentFolder(name));
  }

  /** `[P/]deployments/{name}/{model.tar.gz|config.json|component.zip}`. */
  deploymentArtifactKey(name: string, artifact: DeploymentArtifact): S3Key {
    if (!DEPLOYMENT_ARTIFACTS.includes(artifact)) {
      throw new InvalidSegmentError('deploymentArtifact', artifact, `must be one of ${DEPLOYMENT_ARTIFACTS.join(', ')}`);
    }
    return S3Key.parse(`${this.deployment(name)}/${artifact}`);
  }

  // --- images (spec 003) ---

  /** `[P/]generated_images/{assignmentId}.{webp|png}`. */
  assignmentImageKey(assignmentId: string, ext: 'webp' | 'png' = 'webp'): S3Key {
    if (ext !== 'webp' && ext !== 'png') {
      throw new InvalidSegmentError('imageExtension', ext, 'must be "webp" or "png"');
    }
    const id = AssignmentId.parse(assignmentId);
    return S3Key.parse(this.config.withPrefix(`${this.config.imagesFolder}/${id}.${ext}`));
  }

  // --- keys and URIs of the configured bucket ---

  /** The key of `uri`, which must name the configured bucket. */
  keyOf(uri: S3Uri | string): S3Key {
    const parsed = typeof uri === 'string' ? S3Uri.parse(uri) : uri;
    const bucket = this.bucket();
    if (parsed.bucket !== bucket) {
      throw new InvalidUriError(parsed.toString(), `is in bucket "${parsed.bucket}", not the configured "${bucket}"`);
    }
    return parsed.key;
  }

  /** `s3://{bucket}/{key}` in the configured bucket. */
  uriOf(key: S3Key | string): S3Uri {
    const k = typeof key === 'string' ? (key.endsWith('/') ? S3Key.folder(key) : S3Key.parse(key)) : key;
    return S3Uri.of(this.bucket(), k);
  }

  private bucket(): string {
    const { bucket } = this.config;
    if (bucket === undefined) {
      throw new InvalidConfigError('bucket', bucket, 'is required to build s3:// URIs');
    }
    return bucket;
  }

  private training(job: string): string {
    return this.config.withPrefix(`${this.config.trainingFolder}/${Segment.parse('jobName', job)}`);
  }

  private compilation(job: string): string {
    return this.config.withPrefix(`${this.config.compilationFolder}/${Segment.parse('jobName', job)}`);
  }

  private deployment(name: string): string {
    return this.config.withPrefix(`${this.config.deploymentFolder}/${Segment.parse('deploymentName', name)}`);
  }
}
