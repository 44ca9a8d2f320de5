import { type Output, type Streams } from './io/output';

/** What every command receives: where to write, and the environment it runs in. */
export interface CliContext {
  out: Output;
  streams: Streams;
  env: NodeJS.ProcessEnv;
  cwd: string;
}
