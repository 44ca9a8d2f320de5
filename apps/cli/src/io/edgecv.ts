// The composition root for a command: its configuration (io/config.ts), the servers it runs
// against, and the container's typed use cases, always closed.
import { Edgecv, type GenerationConfig, type Wiring } from '@edgecv/container';

export type { Edgecv, MlServices, ProvisionResult } from '@edgecv/container';
export type ImageGenerator = GenerationConfig['generator'];
import { type CliContext } from '../context';
import { isLocalTarget, readConfig, type CommandSettings, type ResolvedStack } from './config';
import { useStack, type StackOptions } from './stack';

export interface ServiceOptions extends StackOptions {
  bucket?: string;
  /** The images bucket (`edgecv images --bucket`), else EDGECV_IMAGES_BUCKET, else the artifact bucket. */
  imagesBucket?: string;
}

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
  { provision = true }: { provision?: boolean } = {},
): Promise<OpenedEdgecv> {
  const stack = await useStack(options, ctx);
  const config = readConfig(ctx, stack, {
    ...settings,
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

/** Runs `fn` with a container and always releases its connections. */
export async function withEdgecv<T>(options: ServiceOptions, ctx: CliContext, fn: (edgecv: Edgecv) => Promise<T>): Promise<T> {
  const { edgecv } = await openEdgecv(options, ctx);
  try {
    return await fn(edgecv);
  } finally {
    await edgecv.close();
  }
}
