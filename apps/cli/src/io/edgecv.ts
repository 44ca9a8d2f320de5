// The composition root for a command: its configuration (io/config.ts), the servers it runs
// against, and the container's typed use cases, always closed.
import { Edgecv, type EdgecvConfig, type GenerationConfig, type PreflightResult, type Wiring } from '@edgecv/container';

type TableNames = EdgecvConfig['tables'];

export type { Edgecv, MlServices, ProvisionResult } from '@edgecv/container';
export type ImageGenerator = GenerationConfig['generator'];
import { type CliContext } from '../context';
import { isLocalTarget, readConfig, type CommandSettings, type ResolvedStack } from './config';
import { useStack, type StackOptions } from './stack';

export interface ServiceOptions extends StackOptions {
  bucket?: string;
  /** The images bucket (`edgecv images --bucket`), else EDGECV_IMAGES_BUCKET, else the artifact bucket. */
  imagesBucket?: string;
  /** `--expected-bucket-owner`: every S3 request carries it, and S3 refuses a bucket of another account. */
  expectedBucketOwner?: string;
}

/** What a command checks before it acts (pre-flight): its bucket (or the journal's), its tables, MongoDB. */
export interface CommandNeeds {
  readonly bucket?: string | ((edgecv: Edgecv) => Promise<string>);
  readonly tables?: readonly (keyof TableNames)[];
  readonly mongo?: boolean;
}

/** The tables the migration reads and writes references in (jobs for the created_at lookups). */
export const MIGRATION_TABLES: readonly (keyof TableNames)[] = ['jobs', 'training', 'compilation', 'deployments'];

export interface OpenedEdgecv {
  readonly edgecv: Edgecv;
  readonly stack: ResolvedStack;
}

/**
 * The container for a command, pointed at the resolved servers; `--bucket` wins over
 * EDGECV_ARTIFACT_BUCKET. On the local stack the artifact bucket and the tables are created
 * when missing (idempotent, a few loopback requests), as the CDK app does in AWS, unless
 * `provision: false` (`edgecv provision`, which reports what it creates).
 */
export async function openEdgecv(
  options: ServiceOptions,
  ctx: CliContext,
  settings: CommandSettings = {},
  wiring: Wiring = {},
  { provision = true, forceLocal = false }: { provision?: boolean; forceLocal?: boolean } = {},
): Promise<OpenedEdgecv> {
  const stack = await useStack(options, ctx, { forceLocal });
  const config = readConfig(ctx, stack, {
    ...settings,
    ...(options.expectedBucketOwner ? { s3: { ...settings.s3, expectedBucketOwner: options.expectedBucketOwner } } : {}),
    ...(options.bucket ? { artifactBucket: options.bucket } : {}),
    ...(options.imagesBucket ? { imagesBucket: options.imagesBucket } : {}),
  });
  const edgecv = Edgecv.fromConfig(config, wiring);
  if (provision && isLocalTarget(stack)) {
    try {
      await edgecv.provision({ s3: isLocalTarget(stack, ['s3']), dynamodb: isLocalTarget(stack, ['dynamodb']), imagesBucket: true });
    } catch (error) {
      await edgecv.close();
      throw error;
    }
  }
  return { edgecv, stack };
}

/**
 * Runs `fn` with a container and always releases its connections; with `needs`, only after the
 * pre-flight found the bucket, tables and MongoDB the command needs (typed errors otherwise).
 */
export async function withEdgecv<T>(options: ServiceOptions, ctx: CliContext, fn: (edgecv: Edgecv, checked: PreflightResult) => Promise<T>, needs?: CommandNeeds): Promise<T> {
  const { edgecv, stack } = await openEdgecv(options, ctx);
  try {
    const checked = needs === undefined ? { tables: [], mongo: 'not checked' as const } : await checkTarget(edgecv, stack, needs, ctx);
    return await fn(edgecv, checked);
  } finally {
    await edgecv.close();
  }
}

/** The pre-flight of a command (bucket, tables, MongoDB), printed on stderr and added to the --json target. */
export async function checkTarget(edgecv: Edgecv, stack: ResolvedStack, needs: CommandNeeds, ctx: CliContext): Promise<PreflightResult> {
  const bucket = typeof needs.bucket === 'function' ? await needs.bucket(edgecv) : needs.bucket;
  const local = isLocalTarget(stack);
  const where = stack.target.kind === 'aws' ? `AWS account ${stack.target.account} in ${stack.target.region}${stack.target.s3From ? ` (${stack.target.s3})` : ''}` : `the local stack in ${stack.target.dataDir}`;
  const fix = local
    ? 'create it there first (edgecv demo seeds one), or point edgecv at the servers that hold it (--profile, --endpoint-url)'
    : 'check the name, --region and --profile; on servers you run, create it with edgecv provision; in AWS, deploy the CDK data stack (apps/infra)';
  const checked = await edgecv.preflight({ ...(bucket !== undefined ? { bucket } : {}), ...(needs.tables ? { tables: needs.tables } : {}), ...(needs.mongo ? { mongo: true } : {}), target: where, fix });
  const facts = checked.bucket;
  if (facts !== undefined) {
    const encryption = facts.encryption.algorithm === 'none' ? 'no default encryption' : facts.encryption.algorithm === 'AES256' ? 'SSE-S3' : `SSE-KMS${facts.encryption.kmsKeyId ? ` (${facts.encryption.kmsKeyId})` : ''}`;
    ctx.out.note(`bucket ${facts.bucket}: region ${facts.region ?? 'not reported'}, versioning ${facts.versioning}, object lock ${facts.objectLock ? 'on' : 'off'}, ${encryption}`);
  }
  if (checked.tables.length > 0) ctx.out.note(`tables: ${checked.tables.join(', ')}`);
  ctx.out.target({ ...stack.target, ...(bucket !== undefined ? { bucket } : {}), ...(checked.tables.length > 0 ? { tables: checked.tables } : {}) });
  return checked;
}

/** A container for a command that needs no service (`images optimize`): no stack is started. Close it. */
export function openOfflineEdgecv(ctx: CliContext): Edgecv {
  return Edgecv.fromConfig(readConfig(ctx, undefined));
}
