// The `edgecv` command: builds the commander program and runs it, mapping every outcome to the
// public exit codes (0 ok, 1 findings or failures, 2 usage or invalid input) in one place.
import { Command, CommanderError } from 'commander';
import { type CliContext } from './context';
import { createOutput, type Streams } from './io/output';
import { CliFailure, commanderExitCode, type ExitCode } from './io/exitCodes';
import { version } from '../package.json';

type Register = (program: Command, ctx: CliContext) => void;

/**
 * The top-level commands, each module loaded only when its command runs: `--version`, `--help`
 * and a mistyped command never load the AWS SDK, the MongoDB driver or sharp. A command's full
 * description lives in its module; the summary here is what the root help lists.
 */
const COMMANDS: Readonly<Record<string, { summary: string; load: () => Promise<Register> }>> = {
  local: { summary: 'start, stop and inspect the embedded local stack (moto S3 + DynamoDB, MongoDB stand-in)', load: async () => (await import('./commands/local.js')).registerLocal },
  layout: { summary: 'print where an artifact lives in the edgecv layout', load: async () => (await import('./commands/layout.js')).registerLayout },
  paths: { summary: 'legacy key conversion, as the migration sees it', load: async () => (await import('./commands/paths.js')).registerPaths },
  jobs: { summary: 'jobs and the artifacts under their prefix', load: async () => (await import('./commands/jobs.js')).registerJobs },
  runs: { summary: 'runs of a job', load: async () => (await import('./commands/jobs.js')).registerJobs },
  results: { summary: "a run's results", load: async () => (await import('./commands/jobs.js')).registerJobs },
  migrate: { summary: 'move a bucket onto the edgecv layout: plan, run, cutover, cleanup, rollback', load: async () => (await import('./commands/migrate.js')).registerMigrate },
  validate: { summary: 'audit a bucket: non-conforming keys, legacy keys left, double slashes, orphans, references to missing objects', load: async () => (await import('./commands/migrate.js')).registerMigrate },
  images: { summary: 'assignment images: WebP within 1024x1024, stored with their metadata', load: async () => (await import('./commands/images.js')).registerImages },
  demo: { summary: 'the migration demo on the local stack: seed a legacy bucket, validate, plan, run, cut over, clean up, validate', load: async () => (await import('./commands/demo.js')).registerDemo },
  serve: { summary: 'serve the Lambda handlers over HTTP on the local stack (OpenAPI at /openapi.json)', load: async () => (await import('./commands/serve.js')).registerServe },
  provision: { summary: "create edgecv's buckets and tables on the target when missing; reports what it created and what existed", load: async () => (await import('./commands/provision.js')).registerProvision },
  loadtest: { summary: 'load-test the image API: p50/p95/p99 per operation and an HTML report', load: async () => (await import('./commands/loadtest.js')).registerLoadtest },
};

/** The command a command line runs (`edgecv help X` asks about X), or undefined for the root. */
function requestedCommand(argv: readonly string[]): string | undefined {
  const words = argv.filter((arg) => !arg.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/** The program for `argv`: the command it names, loaded, and every other one listed by name. */
export async function buildProgram(ctx: CliContext, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('edgecv')
    .description('One predictable, validated place for every ML/CV artifact in Amazon S3.')
    .version(version)
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => ctx.streams.stdout.write(s),
      writeErr: (s) => ctx.streams.stderr.write(s),
    });
  const wanted = requestedCommand(argv);
  const entry = wanted === undefined ? undefined : COMMANDS[wanted];
  if (entry) (await entry.load())(program, ctx);
  for (const [name, { summary }] of Object.entries(COMMANDS)) {
    const loaded = program.commands.find((cmd) => cmd.name() === name);
    if (loaded) loaded.summary(summary);
    else program.command(name).summary(summary);
  }
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
  const program = await buildProgram(ctx, argv);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has already printed its own one-line usage message.
    if (error instanceof CommanderError) return commanderExitCode(error);
    if (error instanceof CliFailure && error.message === '') return error.exitCode;
    const { exitCodeFor, messageFor } = await import('./io/failureOutcome.js');
    streams.stderr.write(`${messageFor(error)}\n`);
    if (env.EDGECV_DEBUG && error instanceof Error && error.stack) streams.stderr.write(`${error.stack}\n`);
    return exitCodeFor(error);
  }
}
