// The `edgecv` command: builds the commander program and runs it, mapping every outcome to the
// public exit codes (0 ok, 1 findings or failures, 2 usage or invalid input) in one place.
import { Command, CommanderError } from 'commander';
import { type CliContext } from './context';
import { createOutput, type Streams } from './io/output';
import { CliFailure, exitCodeFor, messageFor, type ExitCode } from './io/exitCodes';
import { registerLocal } from './commands/local';
import { registerLayout } from './commands/layout';
import { registerPaths } from './commands/paths';
import { registerDemo } from './commands/demo';
import { registerJobs } from './commands/jobs';
import { registerMigrate } from './commands/migrate';
import { registerImages } from './commands/images';
import { registerServe } from './commands/serve';
import { registerLoadtest } from './commands/loadtest';

const VERSION = '0.1.0';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('edgecv')
    .description('One predictable, validated place for every ML/CV artifact in Amazon S3.')
    .version(VERSION)
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => ctx.streams.stdout.write(s),
      writeErr: (s) => ctx.streams.stderr.write(s),
    });
  registerLocal(program, ctx);
  registerLayout(program, ctx);
  registerPaths(program, ctx);
  registerJobs(program, ctx);
  registerMigrate(program, ctx);
  registerImages(program, ctx);
  registerDemo(program, ctx);
  registerServe(program, ctx);
  registerLoadtest(program, ctx);
  // Every command, at any depth: commander errors throw instead of exiting, so we map them.
  const applyToAll = (cmd: Command) => {
    cmd.exitOverride();
    cmd.commands.forEach(applyToAll);
  };
  applyToAll(program);
  return program;
}

export interface RunOptions {
  argv: readonly string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  streams?: Streams;
}

/** Runs one command line and returns its exit code; never calls process.exit. */
export async function run({ argv, env = process.env, cwd = process.cwd(), streams = process }: RunOptions): Promise<ExitCode> {
  const ctx: CliContext = { out: createOutput(streams), streams, env, cwd };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has already printed its own one-line usage message.
    if (!(error instanceof CommanderError) && !(error instanceof CliFailure && error.message === '')) {
      streams.stderr.write(`${messageFor(error)}\n`);
      if (env.EDGECV_DEBUG && error instanceof Error && error.stack) streams.stderr.write(`${error.stack}\n`);
    }
    return exitCodeFor(error);
  }
}
