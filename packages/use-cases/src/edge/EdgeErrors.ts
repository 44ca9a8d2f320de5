// Expected failures of the edge workflows, each with a stable code and the offending input.
import { EdgecvError } from '@edgecv/domain';

/** A name SageMaker would refuse (`^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$`), said before any call. */
export class InvalidJobNameError extends EdgecvError {
  readonly code = 'INVALID_JOB_NAME';
  constructor(
    readonly field: string,
    readonly value: string,
    readonly reason: string,
  ) {
    super(`Invalid ${field} ${JSON.stringify(value)}: ${reason}`);
    this.name = 'InvalidJobNameError';
  }
}

export class InvalidTargetError extends EdgecvError {
  readonly code = 'INVALID_TARGET';
  constructor(readonly target: string) {
    super(`${JSON.stringify(target)} is not a SageMaker Neo target device`);
    this.name = 'InvalidTargetError';
  }
}

export class NoTargetsError extends EdgecvError {
  readonly code = 'INVALID_TARGETS';
  constructor(readonly jobName: string) {
    super(`compilation job ${JSON.stringify(jobName)} names no target: give at least one Neo target device`);
    this.name = 'NoTargetsError';
  }
}

export class TrainingJobNotFoundError extends EdgecvError {
  readonly code = 'TRAINING_JOB_NOT_FOUND';
  constructor(readonly jobName: string) {
    super(`training job ${JSON.stringify(jobName)} not found`);
    this.name = 'TrainingJobNotFoundError';
  }
}

export class TrainingJobAlreadyExistsError extends EdgecvError {
  readonly code = 'TRAINING_JOB_ALREADY_EXISTS';
  constructor(readonly jobName: string) {
    super(`training job ${JSON.stringify(jobName)} already exists`);
    this.name = 'TrainingJobAlreadyExistsError';
  }
}

export class CompilationJobNotFoundError extends EdgecvError {
  readonly code = 'COMPILATION_JOB_NOT_FOUND';
  constructor(
    readonly jobName: string,
    readonly target?: string,
  ) {
    super(`compilation job ${JSON.stringify(jobName)}${target === undefined ? '' : ` has no target ${JSON.stringify(target)}`} not found`);
    this.name = 'CompilationJobNotFoundError';
  }
}

export class CompilationJobAlreadyExistsError extends EdgecvError {
  readonly code = 'COMPILATION_JOB_ALREADY_EXISTS';
  constructor(readonly jobName: string) {
    super(`compilation job ${JSON.stringify(jobName)} already exists`);
    this.name = 'CompilationJobAlreadyExistsError';
  }
}

export class DeploymentNotFoundError extends EdgecvError {
  readonly code = 'DEPLOYMENT_NOT_FOUND';
  constructor(readonly deployment: string) {
    super(`deployment ${JSON.stringify(deployment)} not found`);
    this.name = 'DeploymentNotFoundError';
  }
}

export class DeploymentAlreadyExistsError extends EdgecvError {
  readonly code = 'DEPLOYMENT_ALREADY_EXISTS';
  constructor(readonly deployment: string) {
    super(`deployment ${JSON.stringify(deployment)} already exists`);
    this.name = 'DeploymentAlreadyExistsError';
  }
}

/** The step needs an artifact its predecessor has not produced yet. */
export class ArtifactNotReadyError extends EdgecvError {
  readonly code = 'ARTIFACT_NOT_READY';
  constructor(
    readonly what: string,
    readonly state: string,
  ) {
    super(`${what} is ${state}, not completed`);
    this.name = 'ArtifactNotReadyError';
  }
}

export class InvalidComponentVersionError extends EdgecvError {
  readonly code = 'INVALID_COMPONENT_VERSION';
  constructor(readonly version: string) {
    super(`component version ${JSON.stringify(version)} is not MAJOR.MINOR.PATCH`);
    this.name = 'InvalidComponentVersionError';
  }
}

export class InvalidResultsArchiveError extends EdgecvError {
  readonly code = 'INVALID_RESULTS_ARCHIVE';
  constructor(
    readonly size: number,
    /** What is wrong, e.g. the entry whose CRC-32 does not match. */
    readonly reason = 'not a zip archive',
  ) {
    super(`the results body (${size} bytes) is not a valid zip archive: ${reason}`);
    this.name = 'InvalidResultsArchiveError';
  }
}
