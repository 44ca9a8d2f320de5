// Every command that touches a service resolves its target here, once, and says on stderr where it
// acts before it acts, so nobody migrates the wrong bucket by accident. The target is AWS (or the
// servers the AWS settings name) whenever any AWS configuration exists, and the embedded local
// stack only with --local or when none exists at all (docs/aws.md).
import path from 'node:path';
import { callerOf, hasAwsConfiguration, resolveAwsSettings, type AwsFlags, type AwsSettings } from '@edgecv/container';
import { ServiceRejectedError, ServiceResourceNotFoundError, TransientServiceError } from '@edgecv/use-cases';
import { defaultDataDir, resolveStack, type StackEndpoints } from '@edgecv/local-stack';
import { type CliContext } from '../context';
import type { ResolvedStack, Target } from './config';

export interface StackOptions extends AwsFlags {
  data?: string;
  /** `--local`: the embedded stack, whatever AWS configuration exists. */
  local?: boolean;
}


export { targetOptions } from './targetOptions';

export function dataDirOf(options: StackOptions, ctx: CliContext): string {
  return path.resolve(ctx.cwd, options.data ?? defaultDataDir(ctx.env));
}

/** The settings that would point a command at AWS: the embedded stack must not see them. */
const AWS_TARGET_VARIABLES = [
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_S3',
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'MONGODB_URI',
] as const;

/**
 * The command's target: the embedded stack with `--local` (or `forceLocal`, the demo) or when no
 * AWS configuration exists; otherwise the AWS settings (flags > environment > profile), with the
 * account they belong to. Prints it on stderr and hands it to --json output.
 */
export async function useStack(options: StackOptions, ctx: CliContext, { forceLocal = false }: { forceLocal?: boolean } = {}): Promise<ResolvedStack> {
  const local = forceLocal || options.local === true || !(await hasAwsConfiguration(ctx.env, options));
  const stack = local ? await localTarget(options, ctx, forceLocal || options.local === true) : await awsTarget(options, ctx);
  ctx.out.note(describeTarget(stack.target));
  ctx.out.target(stack.target);
  return stack;
}

async function localTarget(options: StackOptions, ctx: CliContext, forced: boolean): Promise<ResolvedStack> {
  // Forced local: the environment's AWS settings are left out, so nothing of AWS is mixed in.
  const env = forced ? Object.fromEntries(Object.entries(ctx.env).filter(([name]) => !(AWS_TARGET_VARIABLES as readonly string[]).includes(name))) : ctx.env;
  const dataDir = dataDirOf(options, ctx);
  const { endpoints, source, started } = await resolveStack({ dataDir, env, log: (line) => ctx.out.note(line) });
  return { endpoints, source, target: stackTarget(endpoints, source, started), env };
}

async function awsTarget(options: StackOptions, ctx: CliContext): Promise<ResolvedStack> {
  const aws = await resolveAwsSettings(ctx.env, options);
  // Who the credentials are: also the first request, so missing or expired credentials stop here.
  const identity = await callerOf(aws).catch((error: unknown) => {
    // Refused credentials stop the command here; a server without STS (or one down) only leaves the account unknown.
    if (!(error instanceof TransientServiceError || error instanceof ServiceRejectedError || error instanceof ServiceResourceNotFoundError)) throw error;
    ctx.out.note(`could not ask STS which account this is: ${error.message}`);
    return { account: 'unknown', arn: 'unknown' };
  });
  const endpoints: StackEndpoints = {
    s3: aws.endpoints.s3.url ?? `https://s3.${aws.region}.amazonaws.com`,
    dynamodb: aws.endpoints.dynamodb.url ?? `https://dynamodb.${aws.region}.amazonaws.com`,
    mongodb: ctx.env.MONGODB_URI ?? '',
    region: aws.region,
    accessKeyId: '',
    secretAccessKey: '',
    dataDir: dataDirOf(options, ctx),
    external: { s3: true, dynamodb: true, mongodb: true },
  };
  const target: Target = {
    kind: 'aws',
    account: identity.account,
    arn: identity.arn,
    region: aws.region,
    regionFrom: aws.regionSource,
    profile: aws.profile,
    credentialsFrom: aws.credentialsSource,
    s3: endpoints.s3,
    ...(aws.endpoints.s3.setBy ? { s3From: aws.endpoints.s3.setBy } : {}),
    dynamodb: endpoints.dynamodb,
    ...(aws.endpoints.dynamodb.setBy ? { dynamodbFrom: aws.endpoints.dynamodb.setBy } : {}),
    mongodb: ctx.env.MONGODB_URI ? redact(ctx.env.MONGODB_URI) : 'not configured',
  };
  return { endpoints, source: 'environment', target, env: awsEnvironment(ctx.env, aws), aws };
}

/** The environment configFromEnv reads for an AWS target: the resolved region and endpoints, nothing guessed. */
function awsEnvironment(env: NodeJS.ProcessEnv, aws: AwsSettings): NodeJS.ProcessEnv {
  const { AWS_ENDPOINT_URL: _all, AWS_ENDPOINT_URL_S3: _s3, AWS_ENDPOINT_URL_DYNAMODB: _ddb, ...rest } = env;
  return {
    ...rest,
    AWS_REGION: aws.region,
    ...(aws.endpoints.s3.url ? { AWS_ENDPOINT_URL_S3: aws.endpoints.s3.url } : {}),
    ...(aws.endpoints.dynamodb.url ? { AWS_ENDPOINT_URL_DYNAMODB: aws.endpoints.dynamodb.url } : {}),
  };
}

/** One line: where the command acts. */
export function describeTarget(target: Target): string {
  if (target.kind === 'aws') {
    const via = (url: string, from: string | undefined) => (from ? `${url} (${from})` : 'AWS');
    return `target: AWS account ${target.account} (${target.arn}), region ${target.region} (${target.regionFrom}), profile ${target.profile}, credentials from ${target.credentialsFrom}: s3 ${via(target.s3, target.s3From)}, dynamodb ${via(target.dynamodb, target.dynamodbFrom)}, mongodb ${target.mongodb}`;
  }
  const services = `s3 ${target.s3}, dynamodb ${target.dynamodb}, mongodb ${target.mongodb}`;
  if (target.kind === 'environment') return `using servers from the environment, region ${target.region}: ${services}`;
  return `${target.started ? 'started the local stack' : 'using the local stack'} in ${target.dataDir}, region ${target.region}: ${services}`;
}

/** Never print credentials embedded in a URI (mongodb://user:pass@host). */
function redact(uri: string): string {
  return uri.replace(/\/\/[^/@]*@/, '//***@');
}

/** The line `edgecv local start` prints for the stack it started or found. */
export function describeStack(endpoints: StackEndpoints, source: string, started: boolean): string {
  return describeTarget(stackTarget(endpoints, source, started));
}

/** The target of a stack resolveStack found or started (its MongoDB URI without credentials). */
function stackTarget(endpoints: StackEndpoints, source: string, started: boolean): Target {
  return {
    kind: source === 'local-stack' ? 'local-stack' : 'environment',
    dataDir: endpoints.dataDir,
    region: endpoints.region,
    started,
    s3: endpoints.s3,
    dynamodb: endpoints.dynamodb,
    mongodb: redact(endpoints.mongodb),
  };
}
