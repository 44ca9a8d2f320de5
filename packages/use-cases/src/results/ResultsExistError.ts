import { EdgecvError } from '@edgecv/domain';

/** A run's results are write-once: a second upload without `replace` is refused, naming the object. */
export class ResultsExistError extends EdgecvError {
  readonly code = 'RESULTS_EXIST';
  constructor(
    readonly jobId: number,
    readonly runId: number,
    readonly bucket: string,
    readonly key: string,
  ) {
    super(
      `results of run ${runId} (job ${jobId}) already exist at s3://${bucket}/${key}; results are write-once, nothing was changed (to replace them on purpose: edgecv results upload --replace, or PUT ...?replace=true)`,
    );
    this.name = 'ResultsExistError';
  }
}
