import { Edgecv, stackEnvironment } from '@edgecv/container';
import { type CliContext } from '../context';
import { useStack, type StackOptions } from './stack';

export interface ServiceOptions extends StackOptions {
  bucket?: string;
  /** The images bucket (`edgecv images --bucket`), else EDGECV_IMAGES_BUCKET, else the artifact bucket. */
  imagesBucket?: string;
}

/**
 * The container for a command, pointed at the resolved servers; `--bucket` wins over
 * EDGECV_ARTIFACT_BUCKET. On the local stack the artifact bucket and the tables are created
 * when missing (idempotent, a few loopback requests), as the CDK app does in AWS.
 */
export async function openEdgecv(options: ServiceOptions, ctx: CliContext): Promise<Edgecv> {
  const { endpoints, source } = await useStack(options, ctx);
  const env = { ...stackEnvironment(endpoints, ctx.env), ...(options.imagesBucket ? { EDGECV_IMAGES_BUCKET: options.imagesBucket } : {}) };
  const edgecv = Edgecv.fromEnv(env, options.bucket ? { artifactBucket: options.bucket } : {});
  if (source === 'local-stack') {
    try {
      await edgecv.provision({ s3: !endpoints.external.s3, dynamodb: !endpoints.external.dynamodb });
      if (!endpoints.external.s3 && edgecv.config.images.bucket !== edgecv.config.artifactBucket) await edgecv.provision({ bucket: edgecv.config.images.bucket, dynamodb: false });
    } catch (error) {
      await edgecv.close();
      throw error;
    }
  }
  return edgecv;
}

/** Runs `fn` with a container and always releases its connections. */
export async function withEdgecv<T>(options: ServiceOptions, ctx: CliContext, fn: (edgecv: Edgecv) => Promise<T>): Promise<T> {
  const edgecv = await openEdgecv(options, ctx);
  try {
    return await fn(edgecv);
  } finally {
    await edgecv.close();
  }
}
