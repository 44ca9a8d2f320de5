// The one place where failures become exit codes. This mapping is a public contract:
// 0 success, 1 findings or failures, 2 usage errors or invalid input.
import { CommanderError } from 'commander';

export const ExitCode = {
  Ok: 0,
  Findings: 1,
  Usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An expected failure a command reports itself: a message for stderr and its exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.Findings,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

interface CodedError {
  code: string;
  message: string;
}

function hasCode(error: unknown): error is CodedError {
  return (
    error instanceof Error && typeof (error as Partial<CodedError>).code === 'string'
  );
}

/**
 * Codes of errors that mean "the input was wrong": validation errors of the domain and the
 * use cases. Anything else with a code is a failure of the operation (exit 1).
 */
const INVALID_INPUT_CODES = /^(INVALID_|UNKNOWN_DATASET_TYPE|UNSUPPORTED_)/;

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help'
      ? ExitCode.Ok
      : ExitCode.Usage;
  }
  if (error instanceof CliFailure) return error.exitCode;
  if (hasCode(error) && INVALID_INPUT_CODES.test(error.code)) return ExitCode.Usage;
  return ExitCode.Findings;
}

/** One line for stderr, naming the bad input (the errors carry it in their message). */
export function messageFor(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const oneLine = text.split('\n')[0] ?? text;
  return hasCode(error) ? `edgecv: ${oneLine} [${error.code}]` : `edgecv: ${oneLine}`;
}
