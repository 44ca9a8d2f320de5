// SageMaker Neo as the edge use cases need it: one compilation job per target device.
export const CompilationServiceToken = Symbol.for('edgecv.CompilationService');

export type CompilationJobState = 'STARTING' | 'INPROGRESS' | 'COMPLETED' | 'FAILED' | 'STOPPING' | 'STOPPED';

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

export interface CompilationJobDescription {
  readonly neoJobName: string;
  readonly state: CompilationJobState;
  readonly failureReason?: string;
  /** ModelArtifacts.S3ModelArtifacts: what Neo wrote, `{S3OutputLocation}{base}-{target}.tar.gz`. */
  readonly modelArtifactUri?: string;
}

export interface CompilationService {
  start(request: CompilationJobRequest): Promise<{ readonly arn: string }>;
  describe(neoJobName: string): Promise<CompilationJobDescription>;
}
