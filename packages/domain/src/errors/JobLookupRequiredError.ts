import { DomainError } from './DomainError';

/**
 * A legacy key whose new location depends on its job's created_at, resolved without a way to
 * look the job up (or for a job the lookup does not know).
 */
export class JobLookupRequiredError extends DomainError {
  readonly code = 'JOB_LOOKUP_REQUIRED';
  override readonly name = 'JobLookupRequiredError';

  constructor(
    readonly key: string,
    readonly jobId: number,
    readonly rule: string,
  ) {
    super(
      `Key ${JSON.stringify(key)} (rule ${rule}) needs the created_at of job ${jobId} to be resolved`,
    );
  }
}
