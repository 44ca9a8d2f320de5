// Spec 000 task 4 / spec 001 req 3.2-3.3, 5.2: one Neo compilation job per target, each told to
// write into its own folder `models/compilation/{job}/{target}/`.
import { S3PathBuilder, S3Uri } from '@edgecv/domain';
import type { Clock } from '../ports/Clock';
import type { CompilationRecord, CompilationRecordRepository } from '../ports/CompilationRecordRepository';
import type { CompilationService } from '../ports/CompilationService';
import type { TrainingRecordRepository } from '../ports/TrainingRecordRepository';
import { CurrentUris } from './currentUri';
import { ArtifactNotReadyError, CompilationJobAlreadyExistsError, NoTargetsError, TrainingJobNotFoundError } from './EdgeErrors';
import type { EdgeSettings } from './EdgeSettings';
import { neoJobName, neoTarget, sageMakerJobName } from './sageMakerNames';

export const NEO_FRAMEWORKS = Object.freeze(['PYTORCH', 'TENSORFLOW', 'TFLITE', 'MXNET', 'ONNX', 'KERAS', 'XGBOOST', 'DARKNET'] as const);
export type NeoFramework = (typeof NEO_FRAMEWORKS)[number];

export type ModelSource = { readonly trainingJob: string } | { readonly modelUri: string };

export interface StartCompilationInput {
  readonly jobName: string;
  readonly targets: readonly string[];
  readonly source: ModelSource;
  readonly framework: NeoFramework;
  /** Input shape for Neo, e.g. `{"data":[1,3,224,224]}`. */
  readonly dataInputConfig: string;
}

export interface StartedTarget {
  readonly target: string;
  readonly neoJobName: string;
  readonly arn: string;
  /** What Neo was given as OutputConfig.S3OutputLocation. */
  readonly s3OutputLocation: string;
  /** Where the compiled model will be once the job completes. */
  readonly outputUri: string;
}

export interface StartedCompilation {
  readonly jobName: string;
  readonly sourceModelUri: string;
  readonly targets: readonly StartedTarget[];
}

export class StartCompilation {
  private readonly paths: S3PathBuilder;
  private readonly uris: CurrentUris;

  constructor(
    private readonly service: CompilationService,
    private readonly records: CompilationRecordRepository,
    private readonly training: TrainingRecordRepository,
    private readonly clock: Clock,
    private readonly settings: EdgeSettings,
  ) {
    this.paths = new S3PathBuilder(settings.pathConfig);
    this.uris = new CurrentUris(settings.pathConfig);
  }

  /**
   * Throws InvalidJobNameError, InvalidTargetError, TrainingJobNotFoundError, ArtifactNotReadyError,
   * CompilationJobAlreadyExistsError, or the service's error.
   */
  async execute(input: StartCompilationInput): Promise<StartedCompilation> {
    const jobName = sageMakerJobName('jobName', input.jobName);
    if (input.targets.length === 0) throw new NoTargetsError(jobName);
    const targets = [...new Set(input.targets.map(neoTarget))].sort();
    const names = targets.map((target) => ({ target, neoJobName: neoJobName(jobName, target) }));
    const sourceModelUri = await this.sourceModel(input.source);
    if ((await this.records.listTargets(jobName)).length > 0) throw new CompilationJobAlreadyExistsError(jobName);

    const started: StartedTarget[] = [];
    for (const { target, neoJobName: neoName } of names) {
      const s3OutputLocation = this.paths.compilationOutputPath(jobName, target).toString();
      const { arn } = await this.service.start({
        neoJobName: neoName,
        modelUri: sourceModelUri,
        framework: input.framework,
        dataInputConfig: input.dataInputConfig,
        targetDevice: target,
        outputLocation: s3OutputLocation,
        roleArn: this.settings.sageMakerRoleArn,
        maxRuntimeSeconds: this.settings.compilation.maxRuntimeSeconds,
      });
      started.push({ target, neoJobName: neoName, arn, s3OutputLocation, outputUri: this.paths.uriOf(this.paths.compiledModelKey(jobName, target)).toString() });
    }
    const now = this.clock.now();
    const records: CompilationRecord[] = started.map((s) => ({
      jobName,
      target: s.target,
      neoJobName: s.neoJobName,
      state: 'STARTING',
      arn: s.arn,
      outputUri: s.outputUri,
      sourceModelUri,
      framework: input.framework,
      createdAt: now,
      updatedAt: now,
    }));
    await this.records.createAll(records);
    return { jobName, sourceModelUri, targets: started };
  }

  private async sourceModel(source: ModelSource): Promise<string> {
    if ('modelUri' in source) return S3Uri.parse(source.modelUri).toString();
    const trainingJob = sageMakerJobName('trainingJob', source.trainingJob);
    const record = await this.training.find(trainingJob);
    if (record === undefined) throw new TrainingJobNotFoundError(trainingJob);
    if (record.state !== 'Completed') throw new ArtifactNotReadyError(`training job ${JSON.stringify(trainingJob)}`, record.state);
    return this.uris.of(record.modelArtifactUri);
  }
}
