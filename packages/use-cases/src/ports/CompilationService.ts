// SageMaker Neo as the edge use cases need it: one compilation job per target device.
/** The DI token of the CompilationService. */
export const CompilationServiceToken = Symbol.for('edgecv.CompilationService');

/** SageMaker Neo's CompilationJobStatus. */
export type CompilationJobState = 'STARTING' | 'INPROGRESS' | 'COMPLETED' | 'FAILED' | 'STOPPING' | 'STOPPED';

/**
 * A Neo compilation job to start for one target device, its output under the layout's compilation
 * folder.
 */
export interface CompilationJobRequest {
  /** CompilationJobName: Neo's own name for this target's job (see edge/sageMakerNames). */
  readonly neoJobName: string;
  /** InputConfig.S3Uri: the trained model archive. */
  readonly modelUri: string;
  readonly framework: string;
  /** InputConfig.DataInputConfig, e.g. `{"data":[1,3,224,224]}`. */
  readonly dataInputConfig: string;
  readonly targetDevice: string;
  /** OutputConfig.S3OutputLocation: `s3://bucket/[P/]models/compilation/{job}/{target}/`. */
  readonly outputLocation: string;
  readonly roleArn: string;
  readonly maxRuntimeSeconds: number;
}

/** How a compilation job is doing, and what it wrote once done. */
export interface CompilationJobDescription {
  readonly neoJobName: string;
  readonly state: CompilationJobState;
  readonly failureReason?: string;
  /** ModelArtifacts.S3ModelArtifacts: what Neo wrote, `{S3OutputLocation}{base}-{target}.tar.gz`. */
  readonly modelArtifactUri?: string;
}

/** SageMaker Neo as the edge use cases need it: one compilation job per target device. */
export interface CompilationService {
  start(request: CompilationJobRequest): Promise<{ readonly arn: string }>;
  describe(neoJobName: string): Promise<CompilationJobDescription>;
}
