// Runs the CLI in-process with captured streams, as a user's shell would see it.
import { PassThrough } from 'node:stream';
import { run } from '../program';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON lines. */
  json<T = Record<string, unknown>>(): T[];
}

/** What the person at the keyboard types: `answer` on stdin, shown to the CLI as a terminal unless `tty: false`. */
export interface CliInput {
  readonly answer: string;
  readonly tty?: boolean;
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), input?: CliInput): Promise<CliResult> {
  const stdin = input === undefined ? undefined : Object.assign(new PassThrough(), { isTTY: input.tty ?? true });
  stdin?.end(input?.answer);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await run({ argv, env, cwd, streams: { stdout, stderr, ...(stdin ? { stdin } : {}) } });
  const text = Buffer.concat(out).toString('utf8');
  return {
    code,
    stdout: text,
    stderr: Buffer.concat(err).toString('utf8'),
    json: <T>() =>
      text
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as T),
  };
}
