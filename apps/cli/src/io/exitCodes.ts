// The public exit codes (0 success, 1 findings or failures, 2 usage errors or invalid input), the
// failure a command reports itself, and commander's own outcomes. The table that maps every other
// failure, by class, is io/failureOutcome.ts, loaded only when a command failed.
import { type CommanderError } from 'commander';
import { EdgecvError } from '@edgecv/domain';

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

/** What commander's own refusals and displays exit with: help and version 0, a usage mistake 2. */
export function commanderExitCode(error: CommanderError): ExitCode {
  return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? ExitCode.Ok : ExitCode.Usage;
}
