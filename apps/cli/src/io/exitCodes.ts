// The one place where failures become exit codes. This mapping is a public contract:
// 0 success, 1 findings or failures, 2 usage errors or invalid input.
import { CommanderError } from 'commander';
import { DomainError, EdgecvError, JobLookupRequiredError } from '@edgecv/domain';
import { MissingBatchJournalError } from '@edgecv/container';
import {
  InvalidComponentVersionError,
  InvalidExpiryError,
  InvalidJobNameError,
  InvalidInventoryError,
  InvalidJournalLocationError,
  InvalidListConcurrencyError,
  InventoryBucketMismatchError,
  InvalidResultsArchiveError,
  InvalidTargetError,
  NoTargetsError,
  ResultsDirNotFoundError,
  ServiceError,
  SymlinkEscapeError,
  UnsupportedEntryError,
  UnsupportedExportFormatError,
  UnsupportedInventoryFormatError,
  UnsupportedInvocationSchemaError,
} from '@edgecv/use-cases';
import { InputFileError, InvalidOptionError } from './inputErrors';

export const ExitCode = {
  Ok: 0,
  Findings: 1,
  Usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An expected failure a command reports itself: a message for stderr and its exit code. */
export class CliFailure extends EdgecvError {
  readonly code = 'CLI_FAILURE';
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.Findings,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * The failures that mean "the input was wrong" (exit 2), by class: an error takes the exit code
 * of its nearest class here; every other failure, typed or not, is exit 1.
 */
const EXIT_BY_CLASS = new Map<ErrorClass, ExitCode>([
  [JobLookupRequiredError, ExitCode.Findings],
  [DomainError, ExitCode.Usage],
  [InvalidOptionError, ExitCode.Usage],
  [InputFileError, ExitCode.Usage],
  [InvalidJobNameError, ExitCode.Usage],
  [InvalidTargetError, ExitCode.Usage],
  [NoTargetsError, ExitCode.Usage],
  [InvalidComponentVersionError, ExitCode.Usage],
  [InvalidResultsArchiveError, ExitCode.Usage],
  [InvalidExpiryError, ExitCode.Usage],
  [UnsupportedExportFormatError, ExitCode.Usage],
  [UnsupportedInvocationSchemaError, ExitCode.Usage],
  // A results directory that cannot be packaged is bad input, whatever is wrong with it.
  [ResultsDirNotFoundError, ExitCode.Usage],
  [SymlinkEscapeError, ExitCode.Usage],
  [UnsupportedEntryError, ExitCode.Usage],
  [InvalidJournalLocationError, ExitCode.Usage],
  [InvalidListConcurrencyError, ExitCode.Usage],
  [InvalidInventoryError, ExitCode.Usage],
  [InventoryBucketMismatchError, ExitCode.Usage],
  [UnsupportedInventoryFormatError, ExitCode.Usage],
  [MissingBatchJournalError, ExitCode.Usage],
]);

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help'
      ? ExitCode.Ok
      : ExitCode.Usage;
  }
  if (error instanceof CliFailure) return error.exitCode;
  for (let proto: unknown = error === null || typeof error !== 'object' ? undefined : Object.getPrototypeOf(error); proto; proto = Object.getPrototypeOf(proto)) {
    const code = EXIT_BY_CLASS.get((proto as { constructor: ErrorClass }).constructor);
    if (code !== undefined) return code;
  }
  return ExitCode.Findings;
}

/** Where a service's endpoint is configured, for the hint after a service failure. */
const ENDPOINT_SETTING: Readonly<Record<ServiceError['service'], string>> = {
  S3: 'AWS_ENDPOINT_URL_S3',
  DYNAMODB: 'AWS_ENDPOINT_URL_DYNAMODB',
  MONGO: 'MONGODB_URI',
  SAGEMAKER: 'AWS_REGION and AWS_ENDPOINT_URL_SAGEMAKER',
  GREENGRASS: 'AWS_REGION and AWS_ENDPOINT_URL_GREENGRASSV2',
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
  if (error instanceof ServiceError) return `edgecv: ${oneLine} (check ${ENDPOINT_SETTING[error.service]}) [${error.code}]`;
  if (error instanceof EdgecvError) return `edgecv: ${oneLine} [${error.code}]`;
  return `edgecv: unexpected failure: ${oneLine}`;
}
