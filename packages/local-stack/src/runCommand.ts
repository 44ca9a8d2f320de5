import { EdgecvError } from '@edgecv/domain';
import { spawn } from 'node:child_process';

/** Runs an install step, keeping its output so a failure can say exactly what went wrong. */
export function runCommand(
  command: string,
  args: readonly string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    let child;
    try {
      child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      reject(new InstallError(command, args, (error as Error).message));
      return;
    }
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => reject(new InstallError(command, args, error.message)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new InstallError(command, args, `exit ${code ?? signal}\n${tail(output, 40)}`));
    });
  });
}

export function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export class InstallError extends EdgecvError {
  readonly code = 'LOCAL_STACK_INSTALL_FAILED';
  constructor(
    readonly command: string,
    readonly args: readonly string[],
    readonly output: string,
  ) {
    super(`install step failed: ${command} ${args.join(' ')}\n${output}`);
    this.name = 'InstallError';
  }
}
