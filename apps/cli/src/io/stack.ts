// Every command that touches a service resolves its servers here and says on stderr which
// ones it uses, so nobody migrates the wrong bucket by accident.
import path from 'node:path';
import { defaultDataDir, resolveStack, type StackEndpoints } from '@edgecv/local-stack';
import { type CliContext } from '../context';

export interface StackOptions {
  data?: string;
}

export function dataDirOf(options: StackOptions, ctx: CliContext): string {
  return path.resolve(ctx.cwd, options.data ?? defaultDataDir(ctx.env));
}

export async function useStack(options: StackOptions, ctx: CliContext): Promise<{ endpoints: StackEndpoints; source: 'environment' | 'local-stack' }> {
  const dataDir = dataDirOf(options, ctx);
  const { endpoints, source, started } = await resolveStack({ dataDir, env: ctx.env, log: (line) => ctx.out.note(line) });
  ctx.out.note(describeStack(endpoints, source, started));
  return { endpoints, source };
}

export function describeStack(endpoints: StackEndpoints, source: string, started: boolean): string {
  const services = (['s3', 'dynamodb', 'mongodb'] as const)
    .map((name) => `${name} ${endpoints.external[name] ? `${redact(endpoints[name])} (environment)` : redact(endpoints[name])}`)
    .join(', ');
  if (source === 'environment') return `using servers from the environment, region ${endpoints.region}: ${services}`;
  const how = started ? 'started the local stack' : 'using the local stack';
  return `${how} in ${endpoints.dataDir}, region ${endpoints.region}: ${services}`;
}

/** Never print credentials embedded in a URI (mongodb://user:pass@host). */
function redact(uri: string): string {
  return uri.replace(/\/\/[^/@]*@/, '//***@');
}
