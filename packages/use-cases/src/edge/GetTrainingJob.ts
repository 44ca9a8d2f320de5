// Spec 001 req 3.4 / 5.4: a training job's status with full s3:// URIs in the new layout, even
// when its record still holds legacy URIs (req 5.5).
import type { Clock } from '../ports/Clock';
import type { TrainingJobState } from '../ports/TrainingService';
import type { TrainingRecordRepository } from '../ports/TrainingRecordRepository';
import type { TrainingService } from '../ports/TrainingService';
import { CurrentUris } from './currentUri';
import { TrainingJobNotFoundError } from './EdgeErrors';
import type { EdgeSettings } from './EdgeSettings';

export interface TrainingJobView {
  readonly jobName: string;
  readonly state: TrainingJobState;
  readonly arn?: string;
  readonly outputUri: string;
  readonly modelArtifactUri: string;
  readonly inputDataUri: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly failureReason?: string;
  /** True when the record still holds legacy URIs (answered in the new layout all the same). */
  readonly legacyRecord: boolean;
}

const TERMINAL: ReadonlySet<TrainingJobState> = new Set(['Completed', 'Failed', 'Stopped']);

export class GetTrainingJob {
  private readonly uris: CurrentUris;

  constructor(
    private readonly service: TrainingService,
    private readonly records: TrainingRecordRepository,
    private readonly clock: Clock,
    settings: Pick<EdgeSettings, 'pathConfig'>,
  ) {
    this.uris = new CurrentUris(settings.pathConfig);
  }

  /** Throws TrainingJobNotFoundError; refreshes the state from SageMaker while the job runs. */
  async execute(jobName: string): Promise<TrainingJobView> {
    let record = await this.records.find(jobName);
    if (record === undefined) throw new TrainingJobNotFoundError(jobName);
    if (!TERMINAL.has(record.state)) {
      const described = await this.service.describe(jobName);
      if (described.state !== record.state) {
        const update = { state: described.state, updatedAt: this.clock.now(), ...(described.failureReason !== undefined ? { failureReason: described.failureReason } : {}) };
        await this.records.updateState(jobName, update);
        record = { ...record, ...update };
      }
    }
    return {
      jobName: record.jobName,
      state: record.state,
      ...(record.arn !== undefined ? { arn: record.arn } : {}),
      outputUri: this.uris.of(record.outputUri),
      modelArtifactUri: this.uris.of(record.modelArtifactUri),
      inputDataUri: this.uris.of(record.inputDataUri),
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      ...(record.failureReason !== undefined ? { failureReason: record.failureReason } : {}),
      legacyRecord: this.uris.isLegacy(record.outputUri) || this.uris.isLegacy(record.modelArtifactUri),
    };
  }
}
