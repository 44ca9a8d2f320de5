// SageMaker's naming rule for training and compilation jobs, applied before any call so a bad
// name is a clear INVALID_JOB_NAME, not a service exception after the record was written.
import { isNeoTarget, type NeoTarget } from '@edgecv/domain';
import { InvalidJobNameError, InvalidTargetError } from './EdgeErrors';

const SAGEMAKER_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/** Returns `name` unchanged when SageMaker accepts it as a job name (it is then also a valid S3 segment). */
export function sageMakerJobName(field: string, name: string): string {
  if (typeof name !== 'string' || !SAGEMAKER_NAME.test(name)) {
    throw new InvalidJobNameError(field, String(name), 'SageMaker job names are 1-63 letters, digits and hyphens, starting and ending with a letter or digit');
  }
  return name;
}

export function neoTarget(target: string): NeoTarget {
  if (!isNeoTarget(target)) throw new InvalidTargetError(String(target));
  return target;
}

/**
 * Neo's job name for one target of a compilation job: `{job}-{target}` with the target's `_`
 * written as `-` (Neo names allow no `_`). Targets contain no `-` (NEO_TARGETS), so the mapping
 * is one-to-one within a job.
 */
export function neoJobName(job: string, target: NeoTarget): string {
  return sageMakerJobName('neoJobName', `${job}-${target.replace(/_/g, '-')}`);
}

