// Why a command refuses to start on its target: the configuration does not name one place, or
// what the command needs is not there. Each names the resource, the target and the fix; nothing
// has been changed when one is raised. Transports treat every TargetError as the operator's to fix.
import { EdgecvError } from '@edgecv/domain';

export abstract class TargetError extends EdgecvError {}

/** `--profile p` or AWS_PROFILE=p names a profile neither shared file has. */
export class ProfileNotFoundError extends TargetError {
  readonly code = 'PROFILE_NOT_FOUND';
  constructor(
    readonly profile: string,
    files: { config: string; credentials: string },
  ) {
    super(`the profile ${profile} is in neither ${files.config} nor ${files.credentials}; check the name (aws configure list-profiles), or set AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE`);
    this.name = 'ProfileNotFoundError';
  }
}

/** Some services resolve to servers the user named and others to AWS itself: refused, never silently mixed. */
export class TargetMixError extends TargetError {
  readonly code = 'TARGET_MIXED';
  constructor(what: string, fix: string) {
    super(`refusing to mix targets: ${what}; ${fix}`);
    this.name = 'TargetMixError';
  }
}

/** The bucket a command works on does not exist on its target. */
export class BucketNotFoundError extends TargetError {
  readonly code = 'BUCKET_NOT_FOUND';
  constructor(
    readonly bucket: string,
    readonly target: string,
    fix: string,
  ) {
    super(`bucket ${bucket} does not exist on ${target}; ${fix}`);
    this.name = 'BucketNotFoundError';
  }
}

/** Tables a command needs do not exist on its target. */
export class TablesNotFoundError extends TargetError {
  readonly code = 'TABLE_NOT_FOUND';
  constructor(
    readonly tables: readonly string[],
    readonly target: string,
    fix: string,
  ) {
    super(`table${tables.length > 1 ? 's' : ''} ${tables.join(', ')} ${tables.length > 1 ? 'do' : 'does'} not exist on ${target}; ${fix}`);
    this.name = 'TablesNotFoundError';
  }
}
