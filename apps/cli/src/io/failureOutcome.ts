// The one place where failures become exit codes, by class (a public contract: 0 success, 1
// findings or failures, 2 usage errors or invalid input), and the one line a failure prints.
// Loaded only once a command has failed, so `--version` and `--help` load no use case.
import { CommanderError } from 'commander';
import { EdgecvError, JobLookupRequiredError } from '@edgecv/domain';
import { TargetError } from '@edgecv/container';
import { INVALID_INPUT_ERRORS, RequestTimeSkewedError, ServiceAccessDeniedError, ServiceError, WrongRegionError, nearestRow, type ErrorClass } from '@edgecv/use-cases';
import { CliFailure, ExitCode, commanderExitCode } from './exitCodes';
import { InputFileError } from './inputErrors';
import { ConfirmationRequiredError, ProvisionRefusedError } from './confirm';

/**
 * The failures that mean "the input was wrong" (exit 2), by class: an error takes the exit code
 * of its nearest class here; every other failure, typed or not, is exit 1.
 */
const EXIT_BY_CLASS = new Map<ErrorClass, ExitCode>([
  // A legacy key that needs its job's created_at is a lookup missing, not bad input.
  [JobLookupRequiredError, ExitCode.Findings],
  ...INVALID_INPUT_ERRORS.map((type): [ErrorClass, ExitCode] => [type, ExitCode.Usage]),
  [InputFileError, ExitCode.Usage],
  // The target is wrong or not ready (no bucket, no table, a profile or a mix of targets): the operator's to fix, nothing changed.
  [TargetError, ExitCode.Usage],
  // Credentials (denied, expired, missing, KMS, another bucket owner), the clock, the region: retrying will not help.
  [ServiceAccessDeniedError, ExitCode.Usage],
  [RequestTimeSkewedError, ExitCode.Usage],
  [WrongRegionError, ExitCode.Usage],
  // Asked to act on a target that matters without a terminal to confirm on, and without --yes.
  [ConfirmationRequiredError, ExitCode.Usage],
  [ProvisionRefusedError, ExitCode.Usage],
]);

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof CommanderError) return commanderExitCode(error);
  if (error instanceof CliFailure) return error.exitCode;
  return nearestRow(EXIT_BY_CLASS, error) ?? ExitCode.Findings;
}

/** Where a service's endpoint is configured, for the hint after a service failure. */
const ENDPOINT_SETTING: Readonly<Record<ServiceError['service'], string>> = {
  S3: 'AWS_ENDPOINT_URL_S3',
  DYNAMODB: 'AWS_ENDPOINT_URL_DYNAMODB',
  MONGO: 'MONGODB_URI',
  SAGEMAKER: 'AWS_REGION and AWS_ENDPOINT_URL_SAGEMAKER',
  GREENGRASS: 'AWS_REGION and AWS_ENDPOINT_URL_GREENGRASSV2',
  BEDROCK: 'EDGECV_BEDROCK_REGION (else AWS_REGION)',
  STS: 'the profile or credentials (--profile, AWS_PROFILE)',
};

/**
 * One line for stderr, naming the bad input (typed errors carry it in their message) and their
 * stable code; a service failure also names the setting that points at the service. An untyped
 * error is a bug: its message is shown, never a bare socket or SDK code.
 */
export function messageFor(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const oneLine = text.split('\n')[0] ?? text;
  if (error instanceof CliFailure) return `edgecv: ${oneLine}`;
  // Their message already says what to do; the endpoint setting is not it.
  if (error instanceof ServiceAccessDeniedError || error instanceof RequestTimeSkewedError || error instanceof WrongRegionError) return `edgecv: ${oneLine} [${error.code}]`;
  if (error instanceof ServiceError) return `edgecv: ${oneLine} (check ${ENDPOINT_SETTING[error.service]}) [${error.code}]`;
  if (error instanceof EdgecvError) return `edgecv: ${oneLine} [${error.code}]`;
  return `edgecv: unexpected failure: ${oneLine}`;
}
