// sharp, mongodb and the SageMaker, Greengrass and Bedrock clients are optional peer dependencies
// of @edgecv/infrastructure, so a project that needs only S3 does not install them. The family
// that needs one says so when it is loaded, with the command that fixes it.
import { EdgecvError } from '@edgecv/domain';


/** An adapter family was loaded without the optional peer dependency it needs. */
export class MissingPeerDependencyError extends EdgecvError {
  readonly code = 'MISSING_PEER_DEPENDENCY';
  /** The npm command that installs the missing package, e.g. `npm install mongodb@^7.9.0`. */
  readonly installCommand: string;

  constructor(
    /** The package that could not be loaded, e.g. `mongodb`. */
    readonly packageName: string,
    /** The version range @edgecv/infrastructure is tested with, e.g. `^7.9.0`. */
    readonly versionRange: string,
    /** The entry point that needs it, e.g. `@edgecv/infrastructure/mongo`. */
    readonly family: string,
    options?: { cause?: unknown },
  ) {
    const installCommand = `npm install ${packageName}@${versionRange}`;
    super(`${family} needs the optional peer dependency ${packageName}, which is not installed: run \`${installCommand}\``, options);
    this.name = 'MissingPeerDependencyError';
    this.installCommand = installCommand;
  }
}
